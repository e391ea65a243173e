import type { ElementRef} from '@angular/core';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService, type ErrorText, I18nService, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import { type AttachmentDto, CHAT_LIMITS, type QuickReplyDto, type TemplateDto } from '../../shared/chat.protocol';
import { ACCEPTED_FILES, AttachmentsService, UploadError, pastedFileName } from './attachments.service';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon, type ChatIconName } from '../ui/chat-icon';
import { ChatSocket } from '../background/chat-socket.service';
import { ChatStore } from '../background/chat-store';
import { ChatSync } from '../background/chat-sync.service';
import { EmojiPicker } from './emoji-picker.component';
import { FileSizePipe } from '../ui/format';
import { ChatOutbox } from './outbox.service';
import { ChatPopover } from '../ui/popover.component';
import { QuickRepliesPicker } from '../replies/quick-replies-picker.component';
import { RepliesService } from '../replies/replies.service';
import { TemplatesPicker } from '../replies/templates-picker.component';
import { TypingNotifier } from './typing-notifier';

interface PendingFile {
  key: number;
  name: string;
  size: number;
  state: 'uploading' | 'ready' | 'error';
  attachment: AttachmentDto | null;
  error: ErrorText | null;
  /** A local preview of an image (object URL), revoked when the chip goes. */
  preview: string | null;
}

type Picker = 'emoji' | 'replies' | 'templates';

/** The input's pop-up helpers, in toolbar order. */
const PICKERS: readonly { id: Picker; icon: ChatIconName; labelKey: string; testId: string }[] = [
  { id: 'emoji', icon: 'smile', labelKey: 'chat.input.emoji', testId: 'chat-emoji' },
  { id: 'replies', icon: 'zap', labelKey: 'chat.replies.title', testId: 'chat-replies' },
  { id: 'templates', icon: 'template', labelKey: 'chat.templates.title', testId: 'chat-templates' },
];

/**
 * The operator's input (C7, C9, C11, C12, C19): Enter makes a new line and Ctrl/Cmd+Enter sends;
 * the browser checks spelling in the panel's language; files come from the paperclip, from pasting
 * (a screenshot with Ctrl+V) or from dropping them here, and upload at once; emoji, quick replies and
 * templates go in at the caret. Each dialog keeps its own unsent text while the page is open.
 */
@Component({
  selector: 'cp-message-input',
  imports: [TranslatePipe, ChatIcon, ChatPopover, EmojiPicker, QuickRepliesPicker, TemplatesPicker, FileSizePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './message-input.component.css',
  templateUrl: './message-input.component.html',
  host: { '[class.dragging]': 'dragging()', '(dragover)': 'onDragOver($event)', '(dragleave)': 'dragging.set(false)', '(drop)': 'onDrop($event)' },
})
export class MessageInput {
  protected readonly store = inject(ChatStore);
  private readonly sync = inject(ChatSync);
  private readonly socket = inject(ChatSocket);
  private readonly outbox = inject(ChatOutbox);
  private readonly replies = inject(RepliesService);
  private readonly files = inject(AttachmentsService);
  private readonly toasts = inject(ToastService);
  protected readonly lang = inject(I18nService).current;
  protected readonly accept = ACCEPTED_FILES;
  protected readonly pickers = PICKERS;
  protected readonly maxLength = CHAT_LIMITS.messageLength;
  protected readonly sendKeys = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘ + Enter' : 'Ctrl + Enter';

  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  protected readonly text = signal('');
  protected readonly pending = signal<readonly PendingFile[]>([]);
  protected readonly picker = signal<Picker | null>(null);
  protected readonly dragging = signal(false);
  protected readonly restarting = signal(false);

  protected readonly dialog = computed(() => this.store.open()?.dialog ?? null);
  /** A support visit (issue 15): read-only, so no composer. */
  protected readonly readOnly = inject(AuthService).isSupport;
  protected readonly uploading = computed(() => this.pending().some((f) => f.state === 'uploading'));
  protected readonly canSend = computed(() => !this.uploading() && (!!this.text().trim() || this.pending().some((f) => f.state === 'ready')));

  private readonly drafts = new Map<string, string>();
  private shownDialog: string | null = null;
  private nextKey = 1;
  private readonly typing = new TypingNotifier((dialogId, typing) => {
    this.socket.request('operator.typing', { dialogId, typing }).catch(() => undefined);
  });

  constructor() {
    // Switching dialogs: keep what was typed for the old one, bring back the new one's.
    effect(() => {
      const id = this.dialog()?.id ?? null;
      untracked(() => {
        if (id === this.shownDialog) return;
        if (this.shownDialog) this.drafts.set(this.shownDialog, this.text());
        this.typing.stop();
        this.clearFiles();
        this.picker.set(null);
        this.shownDialog = id;
        this.text.set((id && this.drafts.get(id)) || '');
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.typing.stop();
      this.clearFiles();
    });
  }

  protected onInput(value: string): void {
    this.text.set(value);
    const dialog = this.dialog();
    if (dialog && value) this.typing.keystroke(dialog.id);
    else this.typing.stop();
  }

  /** C9: Enter is a new line (the default); Ctrl+Enter or Cmd+Enter sends. */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.send();
    }
  }

  send(): void {
    const dialog = this.dialog();
    if (!dialog || !this.canSend()) return;
    const attachments = this.pending().flatMap((f) => (f.state === 'ready' && f.attachment ? [f.attachment] : []));
    this.outbox.send(dialog.id, this.text().trim(), attachments);
    this.typing.stop();
    this.text.set('');
    this.drafts.delete(dialog.id);
    this.clearFiles();
    this.box().nativeElement.focus();
  }

  /** Puts text at the caret (replacing a selection) and leaves the caret after it. */
  insert(snippet: string): void {
    const box = this.box().nativeElement;
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    const value = box.value.slice(0, start) + snippet + box.value.slice(end);
    box.value = value;
    this.text.set(value);
    this.picker.set(null);
    box.focus();
    box.setSelectionRange(start + snippet.length, start + snippet.length);
  }

  protected insertReply(reply: QuickReplyDto): void {
    this.replies.use(reply);
    this.insert(reply.text);
  }

  protected insertTemplate(template: TemplateDto): void {
    this.insert(template.text);
  }

  protected togglePicker(picker: Picker): void {
    this.picker.set(this.picker() === picker ? null : picker);
  }

  /** A screenshot (or any file) pasted with Ctrl+V becomes an attachment; pasted text stays text. */
  protected onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.items ?? [])].flatMap((item) => {
      const file = item.kind === 'file' ? item.getAsFile() : null;
      return file ? [file] : [];
    });
    if (!files.length) return;
    event.preventDefault();
    // Browsers name every pasted screenshot "image.png".
    this.addFiles(files.map((f) => (f.name && f.name !== 'image.png' ? f : new File([f], pastedFileName(f.type), { type: f.type }))));
  }

  protected onPicked(input: HTMLInputElement): void {
    this.addFiles([...(input.files ?? [])]);
    input.value = '';
  }

  protected onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    this.dragging.set(false);
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    this.addFiles([...event.dataTransfer.files]);
  }

  protected removeFile(file: PendingFile): void {
    if (file.preview) URL.revokeObjectURL(file.preview);
    this.pending.update((list) => list.filter((f) => f.key !== file.key));
  }

  /** C5 again: a closed dialog cannot get messages, but the operator can open a new one with the visitor. */
  protected async restart(): Promise<void> {
    const visitorId = this.store.open()?.visitor.id;
    if (!visitorId) return;
    this.restarting.set(true);
    try {
      await this.sync.startDialog(visitorId);
    } catch (err) {
      const text = chatErrorText(err);
      this.toasts.show('error', text.key ?? 'errors.generic');
    } finally {
      this.restarting.set(false);
    }
  }

  private addFiles(files: File[]): void {
    const dialog = this.dialog();
    if (!dialog) return;
    for (const file of files) {
      const problem = this.files.check(file);
      const entry: PendingFile = {
        key: this.nextKey++,
        name: file.name,
        size: file.size,
        state: problem ? 'error' : 'uploading',
        attachment: null,
        error: problem ? { key: problem } : null,
        preview: !problem && file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
      };
      this.pending.update((list) => [...list, entry]);
      if (!problem) void this.upload(dialog.id, file, entry.key);
    }
  }

  private async upload(dialogId: string, file: File, key: number): Promise<void> {
    try {
      const attachment = await this.files.upload(dialogId, file);
      this.patchFile(key, { state: 'ready', attachment });
    } catch (err) {
      this.patchFile(key, { state: 'error', error: err instanceof UploadError ? err.text : { key: 'errors.generic' } });
    }
  }

  private patchFile(key: number, changes: Partial<PendingFile>): void {
    this.pending.update((list) => list.map((f) => (f.key === key ? { ...f, ...changes } : f)));
  }

  private clearFiles(): void {
    for (const file of this.pending()) if (file.preview) URL.revokeObjectURL(file.preview);
    this.pending.set([]);
  }
}
