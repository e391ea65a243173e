import { DEFAULT_COLORS, type Lang, type WidgetColors } from './design.js';

/**
 * B6 «Готовое оформление»: ready-made colour sets the admin applies in one click on the panel's
 * design page. Every text/background pair reaches WCAG AA (4.5:1, checked by the panel's spec with
 * `contrastWarnings`). Panel-only data: the widget never imports this file.
 */
export interface DesignTheme {
  id: string;
  name: Record<Lang, string>;
  colors: WidgetColors;
}

export const DESIGN_THEMES: readonly DesignTheme[] = [
  { id: 'classic', name: { ru: 'Классика', en: 'Classic' }, colors: DEFAULT_COLORS },
  {
    id: 'emerald',
    name: { ru: 'Изумруд', en: 'Emerald' },
    colors: {
      shell: '#047857',
      shellText: '#ffffff',
      launcher: '#047857',
      launcherText: '#ffffff',
      incoming: '#ecfdf5',
      incomingText: '#064e3b',
      outgoing: '#047857',
      outgoingText: '#ffffff',
    },
  },
  {
    id: 'lagoon',
    name: { ru: 'Лагуна', en: 'Lagoon' },
    colors: {
      shell: '#0f766e',
      shellText: '#ffffff',
      launcher: '#0e7490',
      launcherText: '#ffffff',
      incoming: '#f0fdfa',
      incomingText: '#134e4a',
      outgoing: '#0e7490',
      outgoingText: '#ffffff',
    },
  },
  {
    id: 'violet',
    name: { ru: 'Фиалка', en: 'Violet' },
    colors: {
      shell: '#6d28d9',
      shellText: '#ffffff',
      launcher: '#7c3aed',
      launcherText: '#ffffff',
      incoming: '#f5f3ff',
      incomingText: '#2e1065',
      outgoing: '#6d28d9',
      outgoingText: '#ffffff',
    },
  },
  {
    id: 'raspberry',
    name: { ru: 'Малина', en: 'Raspberry' },
    colors: {
      shell: '#be123c',
      shellText: '#ffffff',
      launcher: '#be123c',
      launcherText: '#ffffff',
      incoming: '#fff1f2',
      incomingText: '#4c0519',
      outgoing: '#9f1239',
      outgoingText: '#ffffff',
    },
  },
  {
    id: 'terracotta',
    name: { ru: 'Терракота', en: 'Terracotta' },
    colors: {
      shell: '#c2410c',
      shellText: '#ffffff',
      launcher: '#c2410c',
      launcherText: '#ffffff',
      incoming: '#fff7ed',
      incomingText: '#7c2d12',
      outgoing: '#9a3412',
      outgoingText: '#ffffff',
    },
  },
  {
    id: 'sand',
    name: { ru: 'Песок', en: 'Sand' },
    colors: {
      shell: '#fef3c7',
      shellText: '#78350f',
      launcher: '#92400e',
      launcherText: '#ffffff',
      incoming: '#ffffff',
      incomingText: '#1c1917',
      outgoing: '#92400e',
      outgoingText: '#ffffff',
    },
  },
  {
    id: 'graphite',
    name: { ru: 'Графит', en: 'Graphite' },
    colors: {
      shell: '#111827',
      shellText: '#f9fafb',
      launcher: '#111827',
      launcherText: '#ffffff',
      incoming: '#f3f4f6',
      incomingText: '#111827',
      outgoing: '#374151',
      outgoingText: '#ffffff',
    },
  },
];
