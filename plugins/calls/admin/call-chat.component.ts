import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, computed, effect, inject, signal, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService } from '../../../admin-ui/src/app/plugin-api';
import { CHAT_LIMITS } from '../../chat/shared/chat.protocol';
import type { CallChatMessage } from '../shared/calls.protocol';
import { callErrorText } from './call-errors';
import { CallSession } from './call-session';
import { CallsSocket, type CallsRequestError } from './calls-socket';

/**
 * D4 «Чат с участниками звонка»: the call's dialog in the call window — in the panel and, above
 * all, on the phone after a hand-over, which has no chat around it. Read and written over `/calls`
 * (`call.messages`, `call.message.send`; new messages come as `call.message`), so the phone's
 * grant is enough and the calls plugin needs nothing of the chat's panel. Folded by default on a
 * desktop (the dialog is beside it), with a count of what came while folded.
 */
@Component({
  selector: 'cp-call-chat',
  imports: [TranslatePipe, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 0; border-top: 1px solid var(--gray-200); flex: none; }
    :host(.open) { flex: 1 1 12rem; }
    .toggle { display: flex; align-items: center; gap: 0.5rem; width: 100%; padding: 0.5rem 0.875rem; border: 0; background: var(--gray-50); color: var(--gray-800); font: inherit; font-size: 0.875rem; font-weight: 600; cursor: pointer; text-align: left; }
    .toggle:focus-visible { outline: none; box-shadow: var(--focus-ring); }
    .badge { min-width: 1.25rem; padding: 0 0.375rem; border-radius: 999px; background: var(--primary-600); color: #fff; font-size: 0.75rem; line-height: 1.25rem; text-align: center; }
    .chevron { margin-left: auto; color: var(--gray-500); }
    ol { list-style: none; margin: 0; padding: 0.5rem 0.875rem; display: flex; flex-direction: column; gap: 0.375rem; overflow-y: auto; flex: 1; min-height: 4rem; }
    li { max-width: 85%; padding: 0.375rem 0.625rem; border-radius: var(--radius-md); background: var(--gray-100); color: var(--gray-900); font-size: 0.875rem; align-self: flex-start; overflow-wrap: anywhere; text-align: left; }
    .text { white-space: pre-wrap; }
    li.own { align-self: flex-end; background: var(--primary-50); }
    li.note { align-self: center; max-width: 100%; background: transparent; color: var(--gray-500); font-size: 0.8125rem; text-align: center; }
    .who { display: block; font-size: 0.75rem; color: var(--gray-500); }
    .empty { margin: 0; padding: 0.75rem 0.875rem; color: var(--gray-500); font-size: 0.875rem; }
    form { display: flex; gap: 0.5rem; padding: 0.5rem 0.875rem 0.75rem; }
    input { flex: 1; min-width: 0; padding: 0.5rem 0.625rem; border: 1px solid var(--gray-300); border-radius: var(--radius-md); font: inherit; font-size: 0.875rem; }
    input:focus-visible { outline: none; border-color: var(--primary-600); box-shadow: var(--focus-ring); }
    .error { margin: 0 0.875rem 0.5rem; color: var(--danger-700); font-size: 0.8125rem; }
  `,
  host: { '[class.open]': 'open()' },
  template: `
    <button type="button" class="toggle" data-testid="calls-chat-toggle" [attr.aria-expanded]="open()" (click)="toggle()">
      {{ 'calls.chat.title' | translate }}
      @if (!open() && unread()) { <span class="badge" data-testid="calls-chat-unread" [attr.aria-label]="'calls.chat.unread' | translate: { count: unread() }">{{ unread() }}</span> }
      <span class="chevron" aria-hidden="true">{{ open() ? '▾' : '▸' }}</span>
    </button>
    @if (open()) {
      @if (messages().length) {
        <ol #list data-testid="calls-chat-messages" [attr.aria-label]="'calls.chat.title' | translate" aria-live="polite">
          @for (m of messages(); track m.id) {
            <li data-testid="calls-chat-message" [attr.data-author]="m.author.kind" [class.own]="isOwn(m)" [class.note]="m.author.kind === 'system' || m.author.kind === 'plugin'">
              @if (m.author.kind !== 'system' && m.author.kind !== 'plugin') {
                <span class="who">{{ isOwn(m) ? ('calls.window.you' | translate) : m.author.name }} · {{ m.createdAt | date: 'HH:mm' }}</span>
              }
              <span class="text">{{ m.text }}</span>
              @if (m.files) { <span class="who">{{ 'calls.chat.files' | translate: { count: m.files } }}</span> }
            </li>
          }
        </ol>
      } @else {
        <p class="empty" data-testid="calls-chat-empty">{{ 'calls.chat.empty' | translate }}</p>
      }
      @if (error(); as e) {
        @let text = errorText(e);
        <p class="error" role="alert" data-testid="calls-chat-error">{{ text.words ? text.words[lang()] : (text.key | translate) }}</p>
      }
      <form (submit)="$event.preventDefault(); send()">
        <input data-testid="calls-chat-input" [maxLength]="maxLength" [value]="draft()" (input)="draft.set($any($event.target).value)"
          [placeholder]="'calls.chat.placeholder' | translate" [attr.aria-label]="'calls.chat.placeholder' | translate" />
        <button type="submit" class="btn btn-primary" data-testid="calls-chat-send" [disabled]="sending() || !draft().trim()">{{ 'calls.chat.send' | translate }}</button>
      </form>
    }
  `,
})
export class CallChat {
  private readonly session = inject(CallSession);
  private readonly socket = inject(CallsSocket);
  protected readonly lang = inject(I18nService).current;
  protected readonly errorText = callErrorText;
  protected readonly maxLength = CHAT_LIMITS.messageLength;
  /** Open at once where no chat is beside it: the phone's page, a narrow screen. */
  protected readonly open = signal(window.matchMedia('(max-width: 600px)').matches);
  protected readonly messages = signal<CallChatMessage[]>([]);
  protected readonly unread = signal(0);
  protected readonly draft = signal('');
  protected readonly sending = signal(false);
  protected readonly error = signal<CallsRequestError | Error | null>(null);
  private readonly list = viewChild<ElementRef<HTMLElement>>('list');
  private readonly callId = computed(() => this.session.call()?.id ?? null);
  private readonly dialogId = computed(() => this.session.call()?.dialogId ?? null);

  constructor() {
    const stop = this.socket.on('call.message', ({ dialogId, message }) => {
      if (dialogId !== this.dialogId()) return;
      const known = this.messages().some((m) => m.id === message.id);
      this.messages.update((all) => (known ? all.map((m) => (m.id === message.id ? message : m)) : [...all, message]));
      if (!known && !this.open() && !this.isOwn(message)) this.unread.update((n) => n + 1);
    });
    inject(DestroyRef).onDestroy(stop);
    // The dialog's latest messages once the call is known (and again for another call).
    effect(() => {
      const callId = this.callId();
      if (callId) void this.load(callId);
    });
    // The newest message in view.
    effect(() => {
      this.messages();
      const list = this.list()?.nativeElement;
      if (list) queueMicrotask(() => (list.scrollTop = list.scrollHeight));
    });
  }

  protected isOwn(m: CallChatMessage): boolean {
    return m.author.kind === 'operator' && m.author.userId === this.session.call()?.operatorId;
  }

  protected toggle(): void {
    this.open.update((o) => !o);
    this.unread.set(0);
  }

  protected async send(): Promise<void> {
    const callId = this.callId();
    const text = this.draft().trim();
    if (!callId || !text || this.sending()) return;
    this.sending.set(true);
    this.error.set(null);
    try {
      const message = await this.socket.request('call.message.send', { callId, clientId: crypto.randomUUID(), text });
      if (!this.messages().some((m) => m.id === message.id)) this.messages.update((all) => [...all, message]);
      this.draft.set('');
    } catch (err) {
      // The draft stays: nothing typed is lost to a refusal.
      this.error.set(err as CallsRequestError);
    } finally {
      this.sending.set(false);
    }
  }

  private async load(callId: string): Promise<void> {
    try {
      const history = await this.socket.request('call.messages', { callId });
      if (this.callId() !== callId) return;
      // Messages relayed while the history was on its way stay (the history may lack them).
      const fresh = this.messages().filter((m) => !history.some((h) => h.id === m.id));
      this.messages.set([...history, ...fresh]);
    } catch (err) {
      this.error.set(err as CallsRequestError);
    }
  }
}
