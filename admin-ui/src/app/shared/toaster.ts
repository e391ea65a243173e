import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { Icon } from './icon';
import { ToastService } from './toast.service';

@Component({
  selector: 'cp-toaster',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    /* Bottom left: the panel's primary actions are on the right (form feet, dialogs, the chat's send button). */
    :host { position: fixed; z-index: 100; left: 1.25rem; bottom: 1.25rem; display: grid; gap: .5rem; max-width: min(24rem, calc(100vw - 2rem)); }
    .toast { display: flex; align-items: flex-start; gap: .625rem; padding: .75rem .875rem; border-radius: var(--radius);
      background: var(--gray-900); color: #fff; box-shadow: var(--shadow-lg); font-size: .875rem; line-height: 1.4;
      animation: toast-in .18s ease-out; }
    .toast cp-icon { margin-top: .1rem; }
    .toast.success cp-icon { color: #4ade80; }
    .toast.error cp-icon { color: #f87171; }
    .toast.info cp-icon { color: #a5b4fc; }
    .text { flex: 1; }
    button { all: unset; cursor: pointer; opacity: .6; display: inline-flex; padding: .125rem; border-radius: 4px; }
    button:hover, button:focus-visible { opacity: 1; outline: 2px solid rgba(255,255,255,.5); }
    @keyframes toast-in { from { transform: translateY(8px); opacity: 0; } }
    /* A phone's bottom is the composer and the form feet: toasts come down over the top bar instead. */
    @media (max-width: 600px) { :host { left: 1rem; right: 1rem; top: .5rem; bottom: auto; max-width: none; } }
  `,
  template: `
    <div aria-live="polite" aria-atomic="false" class="stack">
      @for (toast of toasts.toasts(); track toast.id) {
        <div class="toast" [class]="toast.kind" role="status" data-testid="toast">
          <cp-icon [name]="toast.kind === 'error' ? 'alert' : 'check'" />
          <span class="text">{{ toast.key | translate: toast.params }}</span>
          <button type="button" (click)="toasts.dismiss(toast.id)" [attr.aria-label]="'common.close' | translate">
            <cp-icon name="x" />
          </button>
        </div>
      }
    </div>
  `,
})
export class Toaster {
  protected readonly toasts = inject(ToastService);
}
