import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService, I18nService } from '../../../../admin-ui/src/app/plugin-api';
import type { AttachmentDto } from '../../shared/chat.protocol';
import { ChatIcon } from '../ui/chat-icon';
import { ChatSocket } from '../background/chat-socket.service';
import { ChatStore } from '../background/chat-store';
import { dayLabel } from '../ui/format';
import { MessageItem } from './message-item.component';
import { type MessageView, pendingView, storedView } from './message-view';
import { ChatOutbox } from './outbox.service';

interface DayGroup {
  day: string;
  messages: MessageView[];
}

/** Within this distance from the bottom the list follows new messages; further up it stays put. */
const STICK_PX = 96;

/** The open dialog's messages by day, the operator's unsent ones last, and the visitor's live draft (C6). */
@Component({
  selector: 'cp-conversation',
  imports: [TranslatePipe, ChatIcon, MessageItem],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'chat-messages', role: 'log', 'aria-labelledby': 'chat-dialog-title', '(scroll)': 'onScroll()' },
  styles: `
    :host { flex: 1; min-height: 0; overflow-y: auto; display: flex; flex-direction: column; padding: 1rem 1.25rem .75rem; gap: .25rem; scroll-behavior: auto; }
    .day { align-self: center; margin: .75rem 0 .5rem; padding: .125rem .625rem; border-radius: 999px; background: var(--surface);
      box-shadow: 0 0 0 1px var(--gray-200); font-size: .7188rem; font-weight: 600; color: var(--gray-500); }
    .new { position: sticky; bottom: 0; align-self: center; margin-top: auto; display: inline-flex; align-items: center; gap: .375rem; padding: .375rem .875rem;
      border: 0; border-radius: 999px; background: var(--primary-600); color: #fff; font: inherit; font-size: .8125rem; font-weight: 600; cursor: pointer; box-shadow: var(--shadow-lg); }
    .new:hover, .new:focus-visible { background: var(--primary-700); }
    .empty { margin: auto; text-align: center; color: var(--gray-400); font-size: .875rem; }
    .typing { align-self: flex-start; max-width: min(38rem, 82%); margin-top: .375rem; }
    .typing .caption { display: inline-flex; align-items: center; gap: .375rem; margin: 0 .5rem .25rem; font-size: .7188rem; font-weight: 600; color: var(--gray-400); }
    .dots { display: inline-flex; gap: 2px; }
    .dots i { width: 4px; height: 4px; border-radius: 50%; background: currentColor; animation: blink 1.2s infinite both; }
    .dots i:nth-child(2) { animation-delay: .2s; }
    .dots i:nth-child(3) { animation-delay: .4s; }
    .typing p { margin: 0; padding: .5rem .8125rem; border-radius: 16px 16px 16px 5px; border: 1.5px dashed var(--gray-300); color: var(--gray-500);
      font-style: italic; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .9063rem; line-height: 1.45; background: rgba(255,255,255,.6); }
    @keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
    dialog { padding: 0; border: 0; background: transparent; max-width: 92vw; max-height: 92vh; overflow: visible; }
    dialog::backdrop { background: rgba(15, 23, 42, .82); }
    dialog img { display: block; max-width: 92vw; max-height: 84vh; border-radius: 8px; box-shadow: var(--shadow-lg); }
    .viewer-bar { display: flex; align-items: center; gap: .75rem; margin-top: .625rem; color: #fff; font-size: .875rem; }
    .viewer-bar span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .viewer-bar a, .viewer-bar button { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: .375rem; padding: .375rem .625rem; border-radius: 8px; color: #fff; background: rgba(255,255,255,.14); }
    .viewer-bar a:hover, .viewer-bar button:hover { background: rgba(255,255,255,.24); }
  `,
  template: `
    @for (group of groups(); track group.day) {
      <div class="day" role="separator">{{ group.day }}</div>
      @for (view of group.messages; track view.key) {
        <cp-message-item [view]="view" (openImage)="showImage($event)" />
      }
    } @empty {
      <p class="empty">{{ 'chat.noMessages' | translate }}</p>
    }
    @if (store.openDraft(); as draft) {
      <div class="typing" data-testid="chat-typing-preview" aria-live="off">
        <span class="caption"><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>{{ 'chat.typing' | translate }}</span>
        <p>{{ draft }}</p>
      </div>
    }
    @if (unseen()) {
      <button type="button" class="new" data-testid="chat-new-messages" (click)="toEnd()"><svg chatIcon="down"></svg>{{ 'chat.newMessages' | translate }}</button>
    }
    <dialog #viewer (close)="image.set(null)" (click)="viewerClick($event)">
      @if (image(); as img) {
        <img [src]="img.url" [alt]="img.name" decoding="async" />
        <div class="viewer-bar">
          <span>{{ img.name }}</span>
          <a [href]="img.url" target="_blank" rel="noopener noreferrer"><svg chatIcon="external"></svg>{{ 'chat.files.original' | translate }}</a>
          <button type="button" (click)="viewer.close()"><svg chatIcon="x"></svg>{{ 'common.close' | translate }}</button>
        </div>
      }
    </dialog>
  `,
})
export class Conversation {
  protected readonly store = inject(ChatStore);
  private readonly outbox = inject(ChatOutbox);
  private readonly auth = inject(AuthService);
  private readonly lang = inject(I18nService).current;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly viewer = viewChild.required<ElementRef<HTMLDialogElement>>('viewer');
  protected readonly image = signal<AttachmentDto | null>(null);
  private readonly socket = inject(ChatSocket);
  /** Whether the list follows new messages (the operator has not scrolled up to read). */
  private stick = true;
  /** scrollTop at the last scroll event: only a move up (the operator's) stops following, not content growing below. */
  private lastTop = 0;
  private shownDialog: string | null = null;
  private lastKey: string | undefined;
  /** Messages came while the operator was reading further up: the «new messages» marker shows. */
  protected readonly unseen = signal(false);
  /** Read receipts: the panel's tab is visible (the open dialog is then read). */
  private readonly tabVisible = signal(document.visibilityState === 'visible');
  /** The message last reported read, so each is reported once. */
  private reported: string | null = null;

  protected readonly views = computed<MessageView[]>(() => {
    const open = this.store.open();
    if (!open) return [];
    const me = this.store.me();
    const stored = open.messages.map((m) => storedView(m, me, open.dialog.visitorReadAt));
    const storedIds = new Set(open.messages.map((m) => m.clientId));
    const pending = this.outbox
      .messages()
      .filter((e) => e.dialogId === open.dialog.id && !storedIds.has(e.clientId))
      .map((e) => pendingView(e, this.auth.displayName()));
    return [...stored.sort((a, b) => a.createdAt.localeCompare(b.createdAt)), ...pending];
  });

  protected readonly groups = computed<DayGroup[]>(() => {
    const groups: DayGroup[] = [];
    for (const view of this.views()) {
      const day = dayLabel(view.createdAt, this.lang(), this.store.now());
      const last = groups.at(-1);
      if (last?.day === day) last.messages.push(view);
      else groups.push({ day, messages: [view] });
    }
    return groups;
  });

  constructor() {
    afterRenderEffect({
      write: () => {
        const dialogId = this.store.open()?.dialog.id ?? null;
        const last = this.views().at(-1);
        this.store.openDraft();
        if (dialogId !== this.shownDialog) {
          this.shownDialog = dialogId;
          this.stick = true;
          this.unseen.set(false);
        } else if (last && last.key !== this.lastKey) {
          // The operator's own message always shows; anyone else's waits behind the marker while they read above.
          if (last.own) this.stick = true;
          else if (!this.stick) this.unseen.set(true);
        }
        this.lastKey = last?.key;
        if (this.stick) this.toBottom();
      },
    });
    const visibility = () => this.tabVisible.set(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', visibility);
    inject(DestroyRef).onDestroy(() => document.removeEventListener('visibilitychange', visibility));
    // `load` does not bubble: caught on the way down to each image.
    this.host.nativeElement.addEventListener('load', () => this.onLoad(), true);
    effect(() => this.reportRead());
  }

  /** Read receipts: the newest visitor message of the open dialog counts as read while the tab is visible. */
  private reportRead(): void {
    const open = this.store.open();
    if (!open || !this.tabVisible()) return;
    const last = open.messages.filter((m) => m.author.kind === 'visitor').at(-1);
    if (!last || last.id === this.reported || last.createdAt <= (open.dialog.operatorReadAt ?? '')) return;
    this.reported = last.id;
    // Not read on the server (offline, refused): the next change tries again.
    this.socket.request('messages.read', { messageId: last.id }).catch(() => {
      if (this.reported === last.id) this.reported = null;
    });
  }

  protected onScroll(): void {
    const el = this.host.nativeElement;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    if (atEnd) {
      this.stick = true;
      this.unseen.set(false);
    } else if (el.scrollTop < this.lastTop) this.stick = false;
    this.lastTop = el.scrollTop;
  }

  /** An image got its height after the list was scrolled: scrolled again, to the real end. */
  private onLoad(): void {
    if (this.stick) this.toBottom();
  }

  protected toEnd(): void {
    this.stick = true;
    this.unseen.set(false);
    this.toBottom();
  }

  private toBottom(): void {
    const el = this.host.nativeElement;
    el.scrollTop = el.scrollHeight;
    this.lastTop = el.scrollTop;
  }

  protected showImage(image: AttachmentDto): void {
    this.image.set(image);
    const dialog = this.viewer().nativeElement;
    if (!dialog.open) dialog.showModal();
  }

  /** A click on the backdrop (the dialog element itself, outside the picture) closes the viewer. */
  protected viewerClick(event: MouseEvent): void {
    if (event.target === this.viewer().nativeElement) this.viewer().nativeElement.close();
  }
}
