import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { I18nService, PanelNotifications } from '../../../../admin-ui/src/app/plugin-api';
import type { NotifySettings } from '../../shared/chat.protocol';
import { Chime } from './chime';
import { OperatorPreferences } from '../settings/preferences.service';
import { type NotifyWhere, SiteNotifyRules } from '../site-notify-rules.service';

export type NotifyKind = 'visitor' | 'dialog' | 'message';

/** C20: what the operator wants to be told about; each switch on its own. */
export type { NotifySettings };

/** The user gestures after which browsers let a page play sound. */
const GESTURES = ['pointerdown', 'keydown'] as const;

export type NotifyPermission = NotificationPermission | 'unsupported';

/**
 * Browser notifications and sounds for new visitors, new dialogs and new messages (C20). The
 * switches are the operator's, kept on the server with their other preferences (every browser of
 * theirs has them). A system notification shows only while the operator looks elsewhere (tab hidden
 * or window unfocused); the sound plays whenever its kind is on. Permission is asked only from the
 * operator's click.
 */
@Injectable()
export class ChatNotifications {
  private readonly preferences = inject(OperatorPreferences);
  private readonly i18n = inject(I18nService);
  private readonly sites = inject(SiteNotifyRules);
  private readonly panelNotifications = inject(PanelNotifications);
  private readonly chime = new Chime();

  readonly settings = computed<NotifySettings>(() => this.preferences.value().notify);
  readonly permission = signal<NotifyPermission>(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    this.destroyRef.onDestroy(() => this.chime.close());
  }

  /** Shows at once; rejects, with the switch back as it was, when the server does not take it. */
  set(name: keyof NotifySettings, on: boolean): Promise<void> {
    return this.preferences.save({ notify: { ...this.settings(), [name]: on } });
  }

  /**
   * Other plugins' kinds (NOTIFICATION_KINDS, goals' «Цели») are switched in the chat's bell and kept
   * with the chat's own switches, on the server: the panel's notifications read them from here
   * while the chat runs.
   */
  keepPluginSwitches(): void {
    const release = this.panelNotifications.keepSwitchesIn({
      isOn: (kind) => this.preferences.value().pluginNotify[kind] ?? true,
      set: (kind, on) => this.preferences.save({ pluginNotify: { ...this.preferences.value().pluginNotify, [kind]: on } }),
    });
    this.destroyRef.onDestroy(release);
  }

  /** Must run from a click: browsers ignore (or block for good) requests made without one. */
  async requestPermission(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.permission.set(await Notification.requestPermission());
  }

  /** Sounds may start only after a user gesture. */
  unlockSound(): void {
    if (this.settings().sound) this.chime.unlock();
  }

  /** Unlocks on the operator's clicks and keys anywhere in the panel, not only on the chat page. */
  unlockSoundOnGestures(): void {
    const unlock = () => this.unlockSound();
    for (const event of GESTURES) document.addEventListener(event, unlock, { capture: true, passive: true });
    this.destroyRef.onDestroy(() => {
      for (const event of GESTURES) document.removeEventListener(event, unlock, { capture: true });
    });
  }

  /** `where` names the visitor's site (or dialog): the site's settings allow a kind first, the operator's switch narrows it. */
  notify(kind: NotifyKind, name: string, text: string, open: () => void, where: NotifyWhere = {}): void {
    if (this.settings()[kind]) this.sites.whenAllowed(kind, where, () => this.show(kind, name, text, open));
  }

  private show(kind: NotifyKind, name: string, text: string, open: () => void): void {
    const settings = this.settings();
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
