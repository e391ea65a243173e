import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { AuthService } from '../../../admin-ui/src/app/core/auth.service';
import { I18nService } from '../../../admin-ui/src/app/core/i18n.service';
import { Chime } from './chime';
import { readUserValue, writeUserValue } from './user-storage';

export type NotifyKind = 'visitor' | 'dialog' | 'message';

/** C20: what the operator wants to be told about; each switch on its own. */
export interface NotifySettings {
  visitor: boolean;
  dialog: boolean;
  message: boolean;
  sound: boolean;
}

export type NotifyPermission = NotificationPermission | 'unsupported';

const DEFAULTS: NotifySettings = { visitor: true, dialog: true, message: true, sound: true };

/**
 * Browser notifications and sounds for new visitors, new dialogs and new messages (C20). The
 * switches are kept per user in localStorage (until account settings hold them). A system
 * notification shows only while the operator looks elsewhere (tab hidden or window unfocused); the
 * sound plays whenever its kind is on. Permission is asked only from the operator's click.
 */
@Injectable()
export class ChatNotifications {
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly chime = new Chime();
  private readonly userId = this.auth.user()?.id ?? 0;

  readonly settings = signal<NotifySettings>({ ...DEFAULTS, ...readUserValue<Partial<NotifySettings>>('notify', this.userId) });
  readonly permission = signal<NotifyPermission>(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.chime.close());
  }

  set(name: keyof NotifySettings, on: boolean): void {
    this.settings.update((s) => ({ ...s, [name]: on }));
    writeUserValue('notify', this.userId, this.settings());
  }

  /** Must run from a click: browsers ignore (or block for good) requests made without one. */
  async requestPermission(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.permission.set(await Notification.requestPermission());
  }

  /** Sounds may start only after a user gesture; the view calls this on every click. */
  unlockSound(): void {
    if (this.settings().sound) this.chime.unlock();
  }

  notify(kind: NotifyKind, name: string, text: string, open: () => void): void {
    const settings = this.settings();
    if (!settings[kind]) return;
    if (settings.sound) this.chime.play(kind);
    if (this.permission() !== 'granted' || (!document.hidden && document.hasFocus())) return;
    try {
      const note = new Notification(this.i18n.instant(`chat.notify.popup.${kind}`, { name }), { body: text.slice(0, 160), tag: `callpy-chat-${kind}`, icon: '/favicon.svg' });
      note.onclick = () => {
        window.focus();
        open();
        note.close();
      };
    } catch {
      /* some browsers allow notifications only from a service worker: the sound still plays */
    }
  }
}
