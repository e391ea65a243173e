import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService } from '../../../admin-ui/src/app/plugin-api';
import { CallSession } from './call-session';

/**
 * D3: the QR code of the call's single-use hand-over link (`call.handover`). The phone that scans
 * it opens the panel's call page, joins as this operator's new leg, and this device leaves once
 * the visitor is heard there. The `qrcode` library loads only when a code is first drawn.
 */
@Component({
  selector: 'cp-call-handover',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; gap: 0.875rem; align-items: center; padding: 0.75rem; background: var(--surface); border-top: 1px solid var(--gray-200); }
    img { width: 9rem; height: 9rem; flex: none; image-rendering: pixelated; border: 1px solid var(--gray-200); border-radius: var(--radius-sm); }
    .placeholder { width: 9rem; height: 9rem; flex: none; background: var(--gray-100); border-radius: var(--radius-sm); }
    h3 { font-size: 0.9375rem; margin: 0 0 0.25rem; }
    p { margin: 0 0 0.375rem; font-size: 0.8125rem; color: var(--gray-600); }
    a { font-size: 0.8125rem; word-break: break-all; }
    @media (max-width: 420px) { :host { flex-direction: column; text-align: center; } }
  `,
  template: `
    @if (session.handover(); as handover) {
      @if (qr(); as src) {
        <img data-testid="calls-qr" [src]="src" [alt]="'calls.handover.title' | translate" />
      } @else {
        <span class="placeholder" aria-hidden="true"></span>
      }
      <div>
        <h3>{{ 'calls.handover.title' | translate }}</h3>
        <p>{{ 'calls.handover.text' | translate }}</p>
        <p>{{ 'calls.handover.expires' | translate: { time: expires() } }}</p>
        <a data-testid="calls-handover-link" [href]="url()" target="_blank" rel="noopener noreferrer">{{ 'calls.handover.link' | translate }}</a>
      </div>
    }
  `,
})
export class HandoverPanel {
  protected readonly session = inject(CallSession);
  private readonly i18n = inject(I18nService);
  protected readonly qr = signal<string | null>(null);
  /** The server may give the path only (`/call/<token>`): the phone needs the whole address. */
  protected readonly url = computed(() => {
    const handover = this.session.handover();
    return handover ? new URL(handover.url, window.location.origin).href : '';
  });
  protected readonly expires = computed(() => {
    const at = this.session.handover()?.expiresAt;
    return at ? new Date(at).toLocaleTimeString(this.i18n.current(), { hour: '2-digit', minute: '2-digit' }) : '';
  });

  constructor() {
    effect(() => {
      const url = this.url();
      this.qr.set(null);
      if (!url) return;
      void import('qrcode').then(async (module) => {
        // qrcode is CommonJS: bundled, its functions are the default export.
        const qrcode = module.default ?? module;
        const src = await qrcode.toDataURL(url, { margin: 1, width: 288, errorCorrectionLevel: 'M' });
        if (this.url() === url) this.qr.set(src);
      });
    });
  }
}
