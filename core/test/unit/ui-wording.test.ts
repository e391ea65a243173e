import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaries } from '../../../plugins/chat/widget/i18n.js';
import { BUILT_IN_CAPTIONS } from '../../../widget/src/built-in-captions.js';

/**
 * Issue 9, item 10: one wording for the operator statuses («В сети» / «Отошёл» / «Не в сети») in
 * the panel, the widget and Home, and one name for the chat page in the navigation and its title.
 */
const ROOT = join(import.meta.dirname, '../../..');
const json = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

/** The parts of the panel's and the chat plugin's translations this test reads. */
interface PanelTexts {
  realtime: { connected: string };
}
interface ChatTexts {
  chat: { title: string; status: Record<'online' | 'away' | 'offline', string> };
}

/** Every string of a translation tree or a dictionary. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(texts);
  return [];
}

const STATUS = { ru: ['В сети', 'Отошёл', 'Не в сети'], en: ['Online', 'Away', 'Offline'] } as const;

describe('one wording for statuses and for the chat page', () => {
  for (const locale of ['ru', 'en'] as const) {
    const panel = json(`admin-ui/src/i18n/${locale}.json`) as PanelTexts;
    const chat = json(`plugins/chat/admin/i18n/${locale}.json`) as ChatTexts;

    it(`(${locale}) the status switch, Home's badge and the widget use the same words`, () => {
      const [online, away, offline] = STATUS[locale];
      expect([chat.chat.status.online, chat.chat.status.away, chat.chat.status.offline]).toEqual([online, away, offline]);
      expect(panel.realtime.connected).toBe(online);
      expect(BUILT_IN_CAPTIONS[locale].chatSubtitle).toBe(online);
    });

    it(`(${locale}) the navigation names the chat page as its title does`, () => {
      const manifest = readFileSync(join(ROOT, 'plugins/chat/plugin.ts'), 'utf8');
      const nav = new RegExp(`title: \\{[^}]*${locale}: '([^']+)'`).exec(manifest)?.[1];
      expect(nav).toBeTruthy();
      expect(chat.chat.title).toBe(nav);
    });
  }

  it('(ru) no other status words: «онлайн», «оффлайн» as statuses, «На связи», «Отошел»', () => {
    const all = [
      ...texts(json('admin-ui/src/i18n/ru.json')),
      ...texts(json('plugins/chat/admin/i18n/ru.json')),
      ...texts(dictionaries.ru),
      ...texts(BUILT_IN_CAPTIONS.ru),
    ];
    expect(all.filter((t) => /«(онлайн|оф+лайн)»|на связи|отошел|офлайн/i.test(t))).toEqual([]);
  });
});
