import { Injectable, inject } from '@angular/core';
import type { DialogDto, LeadClass, MessageDto, VisitorDto } from '../../shared/chat.protocol';
import { ChatSocket } from '../background/chat-socket.service';
import { ChatStore } from '../background/chat-store';

export type TransferTarget = { toUserId: number } | { toDepartmentId: string };
export type VisitorChanges = Partial<Pick<VisitorDto, 'name' | 'email' | 'phone' | 'notes'>>;

/**
 * What the operator does to a dialog and its visitor (C10, C13–C16, C18, C4). Each call resolves
 * once the server has stored the change and puts the answer into the store right away (the matching
 * broadcast event arrives too, and changes nothing twice); it rejects with a ChatRequestError.
 */
@Injectable()
export class DialogCommands {
  private readonly socket = inject(ChatSocket);
  private readonly store = inject(ChatStore);

  async close(dialog: DialogDto): Promise<void> {
    this.store.applyDialog(await this.socket.request('dialog.close', { dialogId: dialog.id }));
  }

  async setImportant(dialog: DialogDto, important: boolean): Promise<void> {
    this.store.applyDialog(await this.socket.request('dialog.important', { dialogId: dialog.id, important }));
  }

  async classify(dialog: DialogDto, leadClass: LeadClass): Promise<void> {
    this.store.applyDialog(await this.socket.request('dialog.classify', { dialogId: dialog.id, leadClass }));
  }

  async transfer(dialog: DialogDto, target: TransferTarget): Promise<void> {
    this.store.applyDialog(await this.socket.request('dialog.transfer', { dialogId: dialog.id, ...target }));
  }

  async requestRating(dialog: DialogDto): Promise<void> {
    await this.socket.request('dialog.requestRating', { dialogId: dialog.id });
  }

  async sendTranscript(dialog: DialogDto, email: string): Promise<void> {
    await this.socket.request('dialog.transcript', { dialogId: dialog.id, email });
  }

  async setBlocked(visitor: VisitorDto, blocked: boolean): Promise<void> {
    this.store.applyVisitor(await this.socket.request('visitor.block', { visitorId: visitor.id, blocked }));
  }

  async updateVisitor(visitor: VisitorDto, changes: VisitorChanges): Promise<VisitorDto> {
    const updated = await this.socket.request('visitor.update', { visitorId: visitor.id, ...changes });
    this.store.applyVisitor(updated);
    return updated;
  }

  /** C10: the server checks the 10-minute window and the authorship, and says why not. */
  async editMessage(message: MessageDto, text: string): Promise<void> {
    this.store.applyMessage(await this.socket.request('message.edit', { messageId: message.id, text }));
  }
}
