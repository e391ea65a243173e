import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DomSanitizer } from '@angular/platform-browser';
import { TranslatePipe } from '@ngx-translate/core';
import type { Subscription } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { Icon } from '../../shared/icon';
import { normalizeSiteUrl } from '../../shared/validators';
import { DesignEditor, type PreviewView } from './design-editor';
import { type DesignMessage, previewMessage } from './design-errors';
import { LANGS } from './design-rules';
import { DesignService } from './design.service';
import { PREVIEW_PAGE, type PreviewDesignMessage, isPreviewSrc, parsePreviewMessage } from './preview-protocol';

/** The widget lays itself out for phones below 481 px: a desktop preview is never narrower than this. */
const DESKTOP_MIN_WIDTH = 500;
const PHONE = { w: 375, h: 740 };
/** How long after the frame's `load` the preview page may take to say `ready` before it counts as failed. */
export const PREVIEW_READY_TIMEOUT_MS = 5000;

/**
 * B3: the live preview — the core's preview page (the real widget in preview mode) in a frame.
 * Every change of the draft is posted to it at once; dragging the launcher there comes back as a
 * new position. "Over my site" asks the core for a signed preview of a page of the site (the core
 * fetches it, so sites that forbid framing still show) and loads that instead of the sample page.
 */
@Component({
  selector: 'cp-design-preview',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './design-preview.component.css',
  host: { '(window:message)': 'received($event)' },
  templateUrl: './design-preview.component.html',
})
export class DesignPreview {
  readonly siteId = input.required<string>();
  readonly siteUrl = input.required<string>();
  readonly origins = input<readonly string[]>([]);

  protected readonly editor = inject(DesignEditor);
  private readonly api = inject(DesignService);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly destroyRef = inject(DestroyRef);
  private readonly origin = inject(DOCUMENT).location.origin;
  private readonly frame = viewChild<ElementRef<HTMLIFrameElement>>('frame');
  private readonly viewport = viewChild<ElementRef<HTMLElement>>('viewport');
  /** The room the stage offers, in CSS pixels (kept up to date by a ResizeObserver). */
  private readonly room = signal({ w: 0, h: 0 });

  protected readonly langs = LANGS;
  protected readonly views: readonly PreviewView[] = ['chat', 'offline', 'closed'];
  protected readonly device = signal<'desktop' | 'mobile'>('desktop');
  protected readonly overSite = signal(false);
  protected readonly pageUrl = signal('');
  protected readonly loadingPage = signal(false);
  protected readonly error = signal<DesignMessage | null>(null);
  private readonly src = signal(PREVIEW_PAGE);
  private pending?: Subscription;
  /** Whether the preview page has said `ready` since the frame was last (re)loaded. */
  protected readonly frameState = signal<'loading' | 'ready' | 'failed'>('loading');
  private readyTimer?: ReturnType<typeof setTimeout>;
  protected readonly safeSrc = computed(() => this.sanitizer.bypassSecurityTrustResourceUrl(this.src()));

  /** What the preview page is told to show: the draft as far as it is valid, in the chosen language and view. */
  private readonly message = computed<PreviewDesignMessage | null>(() => {
    const design = this.editor.preview();
    if (!design) return null;
    const view = this.editor.previewView();
    return { type: 'callpy:preview.design', design, locale: this.editor.previewLang(), state: view === 'offline' ? 'offline' : 'online', open: view !== 'closed' };
  });

  /**
   * The preview page's own viewport and how much it is scaled down to fit: a desktop is rendered
   * at least DESKTOP_MIN_WIDTH wide (so the widget shows its desktop layout), a phone at 375×740.
   */
  protected readonly screen = computed(() => {
    const { w, h } = this.room();
    if (!w || !h) return null;
    if (this.device() === 'mobile') {
      const scale = Math.min(1, w / PHONE.w, h / PHONE.h);
      return { w: PHONE.w, h: PHONE.h, scale, left: (w - PHONE.w * scale) / 2 };
    }
    const width = Math.max(w, DESKTOP_MIN_WIDTH);
    const scale = w / width;
    return { w: width, h: h / scale, scale, left: 0 };
  });

  constructor() {
    afterNextRender(() => {
      const element = this.viewport()?.nativeElement;
      if (!element || typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(([entry]) => {
        if (entry) this.room.set({ w: entry.contentRect.width, h: entry.contentRect.height });
      });
      observer.observe(element);
      this.destroyRef.onDestroy(() => observer.disconnect());
    });
    this.destroyRef.onDestroy(() => clearTimeout(this.readyTimer));
    // Every change of what the preview should show is posted at once; the page applies the last one.
    effect(() => {
      const message = this.message();
      if (message) untracked(() => this.post(message));
    });
  }

  protected toggleOverSite(on: boolean): void {
    this.overSite.set(on);
    this.error.set(null);
    if (on) {
      if (!this.pageUrl()) this.pageUrl.set(this.siteUrl());
      this.showPage();
    } else {
      this.pending?.unsubscribe();
      this.loadingPage.set(false);
      this.load(PREVIEW_PAGE);
    }
  }

  protected showPage(): void {
    this.pending?.unsubscribe();
    const url = normalizeSiteUrl(this.pageUrl());
    if (!url) {
      this.error.set({ key: 'design.preview.errors.url' });
      return;
    }
    this.pageUrl.set(url);
    this.error.set(null);
    this.loadingPage.set(true);
    this.pending = this.api
      .previewOverSite(this.siteId(), url)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ src }) => {
          this.loadingPage.set(false);
          if (isPreviewSrc(src, this.origin)) this.load(src);
          else this.error.set({ key: 'errors.generic' });
        },
        error: (err: unknown) => {
          this.loadingPage.set(false);
          this.error.set(previewMessage(toApiError(err), this.origins()));
        },
      });
  }

  /** The frame finished loading a document: the preview page should say `ready` soon. */
  protected frameLoaded(): void {
    clearTimeout(this.readyTimer);
    if (this.frameState() === 'ready') return;
    this.readyTimer = setTimeout(() => {
      if (this.frameState() === 'loading') this.frameState.set('failed');
    }, PREVIEW_READY_TIMEOUT_MS);
  }

  /** Loads the preview page again (after it failed to start). */
  protected reload(): void {
    this.frameState.set('loading');
    this.frame()?.nativeElement.contentWindow?.location.replace(this.src());
  }

  protected received(event: MessageEvent): void {
    if (event.origin !== this.origin || event.source !== this.frame()?.nativeElement.contentWindow) return;
    const message = parsePreviewMessage(event.data);
    if (!message) return;
    if (message.type === 'callpy:preview.ready') {
      clearTimeout(this.readyTimer);
      this.frameState.set('ready');
      const current = this.message();
      if (current) this.post(current);
    } else if (message.type === 'callpy:preview.position') {
      this.editor.setPosition(message.position);
    } else {
      this.error.set({ key: 'design.preview.errors.page', params: { reason: message.message } });
    }
  }

  private load(src: string): void {
    if (src === this.src()) return;
    this.frameState.set('loading');
    this.src.set(src);
  }

  private post(message: PreviewDesignMessage): void {
    this.frame()?.nativeElement.contentWindow?.postMessage(message, this.origin);
  }
}
