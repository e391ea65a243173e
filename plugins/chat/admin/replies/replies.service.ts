import { Injectable, inject } from '@angular/core';
import type { MessageDto, QuickReplyDto, TemplateDto } from '../../shared/chat.protocol';
import { ChatSocket } from '../background/chat-socket.service';
import { ChatStore } from '../background/chat-store';

/** C11 quick replies (the operator's own) and C12 templates (shared by the account's operators). */
@Injectable()
export class RepliesService {
  private readonly socket = inject(ChatSocket);
  private readonly store = inject(ChatStore);

  async create(text: string): Promise<QuickReplyDto> {
    const reply = await this.socket.request('replies.create', { text });
    this.put(reply);
    return reply;
  }

  /** Star a sent message: its text becomes a quick reply (the server keeps one per text). */
  async star(message: MessageDto): Promise<QuickReplyDto> {
    const reply = await this.socket.request('replies.star', { messageId: message.id });
    this.put(reply);
    return reply;
  }

  /** Counts a use; inserting does not wait for it, and a failed count is not worth a word. */
  use(reply: QuickReplyDto): void {
    this.socket.request('replies.use', { id: reply.id }).then(
      (counted) => this.put(counted),
      () => undefined,
    );
  }

  /** The list as stored now (another tab of the operator may have changed it). */
  async refresh(): Promise<void> {
    this.store.replies.set(await this.socket.request('replies.list', {}));
  }

  /** A new text; the server refuses one another reply of the operator has (`reply_exists`). */
  async update(reply: QuickReplyDto, text: string): Promise<QuickReplyDto> {
    const updated = await this.socket.request('replies.update', { id: reply.id, text });
    this.put(updated);
    return updated;
  }

  async remove(reply: QuickReplyDto): Promise<void> {
    await this.socket.request('replies.delete', { id: reply.id });
    this.store.replies.update((list) => list.filter((r) => r.id !== reply.id));
  }

  /** Creates (no id) or updates a template; the server lets its author or an admin update it. */
  async saveTemplate(template: { id?: string; name: string; text: string }): Promise<TemplateDto> {
    const saved = await this.socket.request('templates.save', template);
    this.store.templates.update((list) => [...list.filter((t) => t.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)));
    return saved;
  }

  async removeTemplate(template: TemplateDto): Promise<void> {
    await this.socket.request('templates.delete', { id: template.id });
    this.store.templates.update((list) => list.filter((t) => t.id !== template.id));
  }

  private put(reply: QuickReplyDto): void {
    this.store.replies.update((list) => [...list.filter((r) => r.id !== reply.id), reply]);
  }
}
