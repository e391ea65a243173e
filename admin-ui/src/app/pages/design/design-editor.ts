import { Injectable, computed, signal } from '@angular/core';
import {
  DEFAULT_DESIGN,
  type Lang,
  type WidgetColors,
  type WidgetDesign,
  type WidgetStyle,
  contrastWarnings,
} from '../../../../../widget/src/design';
import {
  type CaptionField,
  type ColorField,
  clampPosition,
  clampScale,
  invalidColors,
  overlongCaptions,
  previewable,
  sameDesign,
} from './design-rules';

/** The open chat, the offline form, or only the launcher (window closed). */
export type PreviewView = 'chat' | 'offline' | 'closed';
export type ContrastWarning = ReturnType<typeof contrastWarnings>[number];

/**
 * The design being edited on the page (one per page instance): the saved design, the draft the
 * admin changes, what of it the preview may show, and the checks that gate saving. The sections
 * of the page write into it; only the page talks to the API.
 */
@Injectable()
export class DesignEditor {
  private readonly savedDesign = signal<WidgetDesign | null>(null);
  private readonly draftDesign = signal<WidgetDesign | null>(null);
  readonly saved = this.savedDesign.asReadonly();
  readonly draft = this.draftDesign.asReadonly();

  /** Per-field messages from the core's last refusal, keyed by the design path (`colors.shell`). */
  readonly serverErrors = signal<Readonly<Record<string, string>>>({});
  /** True from a successful save until the next change: the page says "saved". */
  readonly justSaved = signal(false);

  /** What the preview shows besides the design: the captions' language and which view. */
  readonly previewLang = signal<Lang>('ru');
  readonly previewView = signal<PreviewView>('chat');

  readonly colorErrors = computed(() => {
    const draft = this.draftDesign();
    return new Set(draft ? invalidColors(draft.colors) : []);
  });
  readonly captionErrors = computed(() => {
    const draft = this.draftDesign();
    return new Set(draft ? overlongCaptions(draft.captions) : []);
  });
  readonly valid = computed(() => this.colorErrors().size === 0 && this.captionErrors().size === 0);
  readonly dirty = computed(() => this.draftDesign() !== null && !sameDesign(this.draftDesign(), this.savedDesign()));

  /** The draft with half-typed colours replaced by the saved ones: what the preview renders. */
  readonly preview = computed(() => {
    const draft = this.draftDesign();
    return draft ? previewable(draft, this.savedDesign()?.colors ?? DEFAULT_DESIGN.colors) : null;
  });
  /** Text/background pairs of the shown colours below WCAG AA. */
  readonly contrast = computed<ContrastWarning[]>(() => {
    const shown = this.preview();
    return shown ? contrastWarnings(shown.colors) : [];
  });

  /** Starts editing a design as loaded from (or just saved to) the core. */
  load(design: WidgetDesign): void {
    this.savedDesign.set(design);
    this.draftDesign.set(design);
    this.serverErrors.set({});
  }

  /** After a save: the core's answer becomes both the saved design and the draft. */
  saveSucceeded(design: WidgetDesign): void {
    this.load(design);
    this.justSaved.set(true);
  }

  discard(): void {
    this.draftDesign.set(this.savedDesign());
    this.serverErrors.set({});
  }

  setStyle(style: WidgetStyle): void {
    this.change(['style'], (d) => ({ ...d, style }));
  }

  setPosition(position: { x: number; y: number }): void {
    this.change(['position'], (d) => ({ ...d, position: clampPosition(position) }));
  }

  setColor(field: ColorField, value: string): void {
    this.change([`colors.${field}`], (d) => ({ ...d, colors: { ...d.colors, [field]: value } }));
  }

  setColors(colors: WidgetColors): void {
    this.change(['colors'], (d) => ({ ...d, colors: { ...colors } }));
  }

  setCaption(lang: Lang, field: CaptionField, value: string): void {
    this.change([`captions.${lang}.${field}`], (d) => ({
      ...d,
      captions: { ...d.captions, [lang]: { ...d.captions[lang], [field]: value } },
    }));
  }

  setLogoScale(scale: number): void {
    this.change(['logo'], (d) => (d.logo ? { ...d, logo: { ...d.logo, scale: clampScale(scale) } } : d));
  }

  /**
   * The logo file changes on the core at once (upload and delete are their own requests): the
   * core's answer becomes the saved design, and the draft takes its logo while keeping a scale
   * the admin has moved but not saved yet. Other unsaved edits stay unsaved.
   */
  logoStored(saved: WidgetDesign): void {
    this.savedDesign.set(saved);
    this.draftDesign.update((d) => {
      if (!d) return saved;
      const logo = saved.logo ? { url: saved.logo.url, scale: d.logo?.scale ?? saved.logo.scale } : null;
      return { ...d, logo };
    });
    this.clearErrors(['logo']);
  }

  private change(paths: string[], fn: (d: WidgetDesign) => WidgetDesign): void {
    const draft = this.draftDesign();
    if (!draft) return;
    this.draftDesign.set(fn(draft));
    this.justSaved.set(false);
    this.clearErrors(paths);
  }

  /** A server message goes away once the admin edits what it was about. */
  private clearErrors(paths: string[]): void {
    const errors = this.serverErrors();
    const kept = Object.entries(errors).filter(([key]) => !paths.some((p) => key === p || key.startsWith(`${p}.`) || p.startsWith(`${key}.`)));
    if (kept.length !== Object.keys(errors).length) this.serverErrors.set(Object.fromEntries(kept));
  }
}
