import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorAlert, type ErrorText, I18nService, NOTIFICATION_KINDS, PanelNotifications, PluginSlots } from '../../../../admin-ui/src/app/plugin-api';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatNotifications, type NotifySettings } from '../background/notifications.service';
import { ChatPopover } from '../ui/popover.component';

const SWITCHES: readonly (keyof NotifySettings)[] = ['visitor', 'dialog', 'message', 'sound'];

/**
 * C20: the bell — which events notify, with sound or not, the kinds other plugins register
 * (NOTIFICATION_KINDS, each its own switch), and the browser's permission.
 */
@Component({
  selector: 'cp-notification-settings',
  imports: [TranslatePipe, ChatIcon, ChatPopover, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { position: relative; display: inline-flex; }
    .bell { min-height: 2.125rem; padding: .25rem .5rem; font-size: 1rem; }
    .bell[aria-expanded='true'] { background: var(--gray-100); color: var(--gray-900); }
    cp-chat-popover { width: 18rem; padding: .5rem 0; }
    h2 { margin: 0; padding: .375rem 1rem .5rem; font-size: .75rem; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--gray-400); }
    label { display: flex; align-items: center; justify-content: space-between; gap: .75rem; padding: .5rem 1rem; font-size: .875rem; cursor: pointer; }
    label:hover { background: var(--gray-50); }
    input { appearance: none; flex: none; width: 2.125rem; height: 1.25rem; margin: 0; border-radius: 999px; background: var(--gray-300); position: relative; cursor: pointer; transition: background-color .15s; }
    input::after { content: ''; position: absolute; top: 2px; left: 2px; width: 1rem; height: 1rem; border-radius: 50%; background: #fff; box-shadow: 0 1px 2px rgba(15,23,42,.2); transition: transform .15s; }
    input:checked { background: var(--primary-600); }
    input:checked::after { transform: translateX(.875rem); }
    input:focus-visible { outline: 2px solid var(--primary-500); outline-offset: 2px; }
    .perm { margin: .375rem .75rem 0; padding: .625rem .75rem; border-radius: 8px; background: var(--gray-50); font-size: .8125rem; color: var(--gray-600); display: grid; gap: .5rem; }
    .perm.denied { background: var(--danger-50); color: var(--danger-700); }
    .alert { margin: 0 .75rem .5rem; font-size: .8125rem; }
  `,
  template: `
    <button type="button" class="btn btn-ghost bell" data-testid="chat-notify-toggle" [attr.aria-expanded]="open()" [attr.aria-label]="'chat.notify.title' | translate"
      [title]="'chat.notify.title' | translate" (click)="open.set(!open())">
      <svg chatIcon="bell"></svg>
    </button>
    @if (open()) {
      <cp-chat-popover edge="end" [label]="'chat.notify.title' | translate" (closed)="open.set(false)">
        <h2>{{ 'chat.notify.title' | translate }}</h2>
        <cp-error-alert [error]="error()" testId="chat-notify-error" />
        @for (name of switches; track name) {
          <label>
            <span>{{ 'chat.notify.' + name | translate }}</span>
            <input #box type="checkbox" role="switch" [attr.data-testid]="'chat-notify-' + name" [checked]="notifications.settings()[name]"
              (change)="toggle(name, box)" />
          </label>
        }
        @for (kind of pluginKinds(); track kind.value.id) {
          <label>
            <span>{{ kind.value.label[lang()] }}</span>
            <input #plugin type="checkbox" role="switch" [attr.data-testid]="'chat-notify-plugin-' + kind.value.id" [checked]="pluginNotifications.isOn(kind.value.id)"
              (change)="togglePlugin(kind.value.id, plugin)" />
          </label>
        }
        @switch (notifications.permission()) {
          @case ('default') {
            <div class="perm">
              <span>{{ 'chat.notify.askText' | translate }}</span>
              <button type="button" class="btn btn-soft btn-sm" data-testid="chat-notify-permission" (click)="notifications.requestPermission()">
                {{ 'chat.notify.ask' | translate }}
              </button>
            </div>
          }
          @case ('denied') { <div class="perm denied">{{ 'chat.notify.denied' | translate }}</div> }
          @case ('unsupported') { <div class="perm">{{ 'chat.notify.unsupported' | translate }}</div> }
        }
      </cp-chat-popover>
    }
  `,
})
export class NotificationSettings {
  protected readonly notifications = inject(ChatNotifications);
  protected readonly switches = SWITCHES;
  protected readonly pluginKinds = inject(PluginSlots).of(NOTIFICATION_KINDS);
  protected readonly pluginNotifications = inject(PanelNotifications);
  protected readonly lang = inject(I18nService).current;
  protected readonly open = signal(false);
  protected readonly error = signal<ErrorText | null>(null);

  protected async toggle(name: keyof NotifySettings, box: HTMLInputElement): Promise<void> {
    this.error.set(null);
    try {
      await this.notifications.set(name, box.checked);
    } catch (err) {
      this.error.set(chatErrorText(err));
      // The switch was put back; the box may not have been redrawn in between.
      box.checked = this.notifications.settings()[name];
    }
  }

  /** A plugin's kind, kept with the chat's switches on the server (PanelNotifications hands it to the chat). */
  protected async togglePlugin(kind: string, box: HTMLInputElement): Promise<void> {
    this.error.set(null);
    try {
      await this.pluginNotifications.set(kind, box.checked);
    } catch (err) {
      this.error.set(chatErrorText(err));
      box.checked = this.pluginNotifications.isOn(kind);
    }
  }
}
