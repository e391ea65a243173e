import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../../admin-ui/src/app/core/auth.service';
import { I18nService } from '../../../admin-ui/src/app/core/i18n.service';
import type { AttachmentDto } from '../shared/chat.protocol';
import { ChatIcon } from './chat-icon';
import { ChatStore } from './chat-store';
import { dayLabel } from './format';
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
  /** Whether the list follows new messages (the operator has not scrolled up to read). */
  private stick = true;
  private shownDialog: string | null = null;

  protected readonly views = computed<MessageView[]>(() => {
    const open = this.store.open();
    if (!open) return [];
    const me = this.store.me();
    const stored = open.messages.map((m) => storedView(m, me));
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
        this.views();
        this.store.openDraft();
        const el = this.host.nativeElement;
        if (dialogId !== this.shownDialog) {
          this.shownDialog = dialogId;
          this.stick = true;
        }
        if (this.stick) el.scrollTop = el.scrollHeight;
      },
    });
  }

  protected onScroll(): void {
    const el = this.host.nativeElement;
    this.stick = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
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
