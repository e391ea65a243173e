import { Injectable, signal } from '@angular/core';

/**
 * Where the switches of the registered kinds are kept: the operator's preferences on the server,
 * provided by the plugin that draws the switches (the chat's bell keeps them with its own, in
 * `chat_operator_preferences`), so they follow the operator to another browser.
 */
export interface NotificationSwitches {
  /** Read from a signal: views showing a switch redraw when it changes (also from another panel). */
  isOn(kind: string): boolean;
  /** Shows at once; rejects, with the switch put back, when the server does not take it. */
  set(kind: string, on: boolean): Promise<void>;
}

/**
 * Browser notifications of the kinds plugins register (NOTIFICATION_KINDS, C20), each with its own
 * switch beside the chat's ones. The switches are the operator's, kept where the chat keeps its own
 * (the chat's background hands its keeper over with `keepSwitchesIn`); while no plugin keeps them
 * every kind is on. A notification shows only while the operator looks elsewhere (tab hidden or
 * window unfocused), as the chat's do; the browser's permission is asked by the chat's bell.
 */
@Injectable({ providedIn: 'root' })
export class PanelNotifications {
  private readonly switches = signal<NotificationSwitches | null>(null);

  /** Returns the call that gives the keeping back (when its plugin is switched off). */
  keepSwitchesIn(switches: NotificationSwitches): () => void {
    this.switches.set(switches);
    return () => {
      if (this.switches() === switches) this.switches.set(null);
    };
  }

  isOn(kind: string): boolean {
    return this.switches()?.isOn(kind) ?? true;
  }

  set(kind: string, on: boolean): Promise<void> {
    const switches = this.switches();
    return switches ? switches.set(kind, on) : Promise.reject(new Error('No plugin keeps the notification switches'));
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
}
