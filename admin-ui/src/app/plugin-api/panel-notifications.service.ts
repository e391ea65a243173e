import { Injectable, inject, signal } from '@angular/core';
import { AuthService } from '../core/auth.service';

/**
 * Browser notifications of the kinds plugins register (NOTIFICATION_KINDS, C20), each with its own
 * switch beside the chat's ones. The switches are kept in this browser per user (on by default):
 * the chat's own preferences live on the server in the chat's schema, which other plugins do not
 * write. A notification shows only while the operator looks elsewhere (tab hidden or window
 * unfocused), as the chat's do; the browser's permission is asked by the chat's bell.
 */
@Injectable({ providedIn: 'root' })
export class PanelNotifications {
  private readonly auth = inject(AuthService);
  /** Bumped on every switch, so views reading `isOn` redraw. */
  private readonly version = signal(0);

  isOn(kind: string): boolean {
    this.version();
    try {
      return localStorage.getItem(this.key(kind)) !== 'off';
    } catch {
      return true;
    }
  }

  set(kind: string, on: boolean): void {
    try {
      localStorage.setItem(this.key(kind), on ? 'on' : 'off');
    } catch {
      /* storage unavailable: the switch lasts for this page only */
    }
    this.version.update((n) => n + 1);
  }

  /** Whether it was shown; `open` runs when the operator clicks it. */
  notify(kind: string, title: string, body: string, open?: () => void): boolean {
    if (!this.isOn(kind) || typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
    if (!document.hidden && document.hasFocus()) return false;
    try {
      const note = new Notification(title, { body: body.slice(0, 160), tag: `callpy-${kind}`, icon: '/favicon.svg' });
      note.onclick = () => {
        window.focus();
        open?.();
        note.close();
      };
      return true;
    } catch {
      // Some browsers allow notifications only from a service worker.
      return false;
    }
  }

  private key(kind: string): string {
    return `callpy.notify.${this.auth.user()?.id ?? 'anon'}.${kind}`;
  }
}
