import { z } from 'zod';
import { HttpError, KernelError, notFound, parseOrThrow } from '../../../core/src/index.js';
import { CHAT_LIMITS, type DialogDto, type MessageDto, type OperatorCard, type VisitorDto } from '../shared/chat.protocol.js';
import type { ChatService, OperatorMessage, PostedMessage, VisitorFields } from '../shared/chat.services.js';
import type { ChatContext } from './chat.db.js';
import type { ConversationService } from './conversation.service.js';
import type { DepartmentsDirectory } from './departments/departments.directory.js';
import type { DialogsService } from './dialogs.service.js';
import type { MessagesService } from './messages.service.js';
import type { PresenceService } from './presence.service.js';
import { messageText, visitorFields } from './visitor-fields.js';
import type { VisitorsService } from './visitors.service.js';

/** `<pluginId>.<name>`, as service refs and event names read. */
const KIND = /^[a-z][a-z0-9-]*\.[a-zA-Z][\w.-]*$/;
const pluginId = z.string().regex(/^[a-z][a-z0-9-]*$/).max(50);

const posted = z.object({
  accountId: z.string().min(1),
  visitorId: z.string().min(1).max(64),
  author: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('system') }),
    z.object({ kind: z.literal('bot'), name: z.string().trim().min(1).max(100) }),
    z.object({ kind: z.literal('plugin'), pluginId }),
  ]),
  text: messageText.default(''),
  kind: z.string().max(100).regex(KIND).optional(),
  payload: z.unknown().optional(),
  clientId: z.string().min(8).max(64).optional(),
});

/** The panel's `message.send` rules for a text (chat.sockets.ts), without files. */
const operatorMessage = z.object({
  accountId: z.string().min(1),
  userId: z.number().int().positive(),
  dialogId: z.string().min(1).max(64),
  clientId: z.string().min(8).max(64),
  text: messageText.min(1, 'The message is empty'),
});

const initiator = z.discriminatedUnion('kind', [z.object({ kind: z.literal('system') }), z.object({ kind: z.literal('plugin'), pluginId })]).default({ kind: 'system' });

/** A 404 of this account's lookups is "not there" to a caller that asked. */
async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  }
}

/** The chat's service to other plugins (shared/chat.services.ts), on the same rules as the sockets. */
export class ChatServiceProvider implements ChatService {
  private readonly kinds = new Map<string, (payload: unknown) => unknown>();

  constructor(
    private readonly ctx: ChatContext,
    private readonly s: { conversation: ConversationService; dialogs: DialogsService; messages: MessagesService; visitors: VisitorsService; presence: PresenceService; departments: DepartmentsDirectory },
  ) {}

  registerMessageKind<T>(kind: string, parse: (payload: unknown) => T): void {
    if (!KIND.test(kind) || kind.length > 100) throw new KernelError(`Message kind "${kind}" must read "<pluginId>.<name>"`);
    if (this.kinds.has(kind)) throw new KernelError(`Message kind "${kind}" is registered twice`);
    this.kinds.set(kind, parse);
  }

  async postMessage(message: PostedMessage): Promise<MessageDto> {
    const m = parseOrThrow(posted, message);
    let payload: unknown;
    if (m.kind !== undefined) {
      const parse = this.kinds.get(m.kind);
      if (!parse) throw new HttpError(400, 'message_kind_unknown', `No plugin registered the message kind "${m.kind}"`);
      try {
        payload = parse(m.payload);
      } catch (err) {
        throw new HttpError(400, 'message_payload_invalid', `The ${m.kind} message's payload is invalid: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else if (!m.text) {
      throw new HttpError(400, 'message_empty', 'The message has neither text nor a kind');
    }
    this.assertEnabled(m.accountId);
    return this.s.conversation.post(m.accountId, m.visitorId, { author: m.author, text: m.text, ...(m.kind === undefined ? {} : { kind: m.kind, payload }), ...(m.clientId ? { clientId: m.clientId } : {}) });
  }

  async openDialog(request: Parameters<ChatService['openDialog']>[0]): Promise<DialogDto> {
    const by = parseOrThrow(initiator, request.initiator);
    this.assertEnabled(request.accountId);
    return this.s.dialogs.dto(await this.s.conversation.openFor(request.accountId, request.visitorId, by, request.channel));
  }

  async getDialog(accountId: string, dialogId: string): Promise<DialogDto | null> {
    const row = await orNull(this.s.dialogs.get(accountId, dialogId));
    return row && this.s.dialogs.dto(row);
  }

  getVisitor(accountId: string, visitorId: string): Promise<VisitorDto | null> {
    return orNull(this.s.visitors.get(accountId, visitorId));
  }

  /** With a site: as that site's widget shows them, so none outside its working hours (I2). */
  async onlineOperators(accountId: string, siteId?: string): Promise<OperatorCard[]> {
    if (siteId === undefined) return this.s.presence.onlineOperators(accountId);
    if (this.ctx.content.site(siteId)?.account !== accountId) throw notFound('No such site');
    return (await this.s.presence.gateOf(accountId, siteId)).operators;
  }

  async onlineOperatorsWithDepartments(accountId: string, siteId?: string): Promise<(OperatorCard & { departmentIds: string[] })[]> {
    return (await this.onlineOperators(accountId, siteId)).map((o) => ({ ...o, departmentIds: this.s.departments.departmentIdsOf(o.id) }));
  }

  async setVisitorFields(accountId: string, visitorId: string, fields: VisitorFields): Promise<VisitorDto> {
    return this.s.conversation.setVisitorFields(accountId, visitorId, parseOrThrow(visitorFields.strict(), fields));
  }

  async dialogMessages(accountId: string, dialogId: string): Promise<MessageDto[]> {
    await this.s.dialogs.get(accountId, dialogId);
    return (await this.s.messages.listDtos(dialogId)).slice(-CHAT_LIMITS.historyMessages);
  }

  async sendAsOperator(message: OperatorMessage): Promise<MessageDto> {
    const m = parseOrThrow(operatorMessage, message);
    this.assertEnabled(m.accountId);
    return this.s.conversation.fromOperator({ accountId: m.accountId, userId: m.userId }, m.dialogId, { clientId: m.clientId, text: m.text, attachmentIds: [] });
  }

  onMessage(listener: (message: MessageDto, dialog: { accountId: string; visitorId: string }) => void): () => void {
    return this.s.conversation.onMessage(listener);
  }

  /** Writes for an account that has the chat switched off would reach no panel: refused like its sockets. */
  private assertEnabled(accountId: string): void {
    if (!this.ctx.isEnabledFor(accountId)) throw new HttpError(403, 'forbidden', 'The chat is not enabled for this account');
  }
}
