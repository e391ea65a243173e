import { HttpError, type Actor } from '../../../core/src/index.js';
import type { MessageDto } from '../../chat/shared/chat.protocol.js';
import type { ChatService } from '../../chat/shared/chat.services.js';
import type { CallChatMessage, CallsFromClient } from '../shared/calls.protocol.js';
import type { CallsContext } from './calls.context.js';
import { dialogRoom } from './calls.rooms.js';
import type { CallsService } from './calls.service.js';
import type { CallRow } from './calls.store.js';
import { sideOf } from './participants.js';

/** The chat's message as the call window shows it. */
export function toCallChatMessage(m: MessageDto): CallChatMessage {
  return { id: m.id, clientId: m.clientId, author: { kind: m.author.kind, userId: m.author.userId, name: m.author.name }, text: m.text, files: m.attachments.length, createdAt: m.createdAt };
}

/**
 * D4: the call window's chat — the call's dialog read and written through the chat's service,
 * so that the phone after a hand-over (whose grant opens `/calls` only) talks with the visitor
 * too. Only the call's operator, only in an active call, only its own dialog: the call id is all
 * a client names. New messages of the dialog reach the operators' legs (`dialogRoom`), told by
 * the process that stored them.
 */
export class CallChatService {
  private readonly perOperator;

  constructor(
    private readonly ctx: CallsContext,
    private readonly calls: CallsService,
    private readonly chat: ChatService,
  ) {
    this.perOperator = ctx.rateLimits.limiter('call-messages', ctx.options.limits.messagesPerMinute, 60);
  }

  /** Relays the dialog's new and edited messages to its call's operator legs; returns the remover. */
  relay(): () => void {
    return this.chat.onMessage((message) => {
      this.ctx.realtime.namespace.to(dialogRoom(message.dialogId)).emit('call.message', { dialogId: message.dialogId, message: toCallChatMessage(message) });
    });
  }

  async messages(actor: Actor, callId: string): Promise<CallChatMessage[]> {
    const row = await this.operatorIn(actor, callId);
    return (await this.chat.dialogMessages(row.account_id, row.dialog_id)).map(toCallChatMessage);
  }

  async send(actor: Actor, input: CallsFromClient['call.message.send']): Promise<CallChatMessage> {
    const row = await this.operatorIn(actor, input.callId);
    if (actor.kind !== 'user') throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
    await this.ctx.rateLimits.consume(this.perOperator, `u:${actor.userId}`);
    return toCallChatMessage(await this.chat.sendAsOperator({ accountId: row.account_id, userId: actor.userId, dialogId: row.dialog_id, clientId: input.clientId, text: input.text }));
  }

  /** The actor is this active call's operator (another account's call reads as none). */
  private async operatorIn(actor: Actor, callId: string): Promise<CallRow> {
    const row = await this.calls.load(actor, callId);
    if (sideOf(row, actor) !== 'operator') throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
    if (row.state !== 'active') throw new HttpError(409, 'call_not_active', 'The call has not started or has already ended');
    return row;
  }
}
