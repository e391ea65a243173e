import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import { HttpError } from '../../../core/src/index.js';
import { CHAT_HTTP, type AttachmentDto } from '../shared/chat.protocol.js';
import { checkFileContent, isImageMime } from './attachments.content.js';
import type { ChatContext } from './chat.db.js';
import type { ChatTables } from './chat.tables.js';

/** An attachment without its bytes: what every query but the download reads. */
export type AttachmentRow = Omit<Selectable<ChatTables['chat_attachments']>, 'bytes'>;

export const MAX_FILES_PER_MESSAGE = 10;
/** Files uploaded and not sent yet that one uploader may hold (the database is the quota, on every node). */
const MAX_UNSENT_FILES = 20;
/** Uploaded and never sent within a day: removed by the purge. */
const UNSENT_LIFETIME_MS = 24 * 3600_000;
const PURGE_EVERY_MS = 3600_000;

const COLUMNS = ['id', 'account_id', 'site_id', 'uploader_key', 'dialog_id', 'message_id', 'name', 'mime', 'size', 'created_at'] as const;

/** Who uploads: the sender key of their messages, their account and site, the operator's dialog. */
export interface Uploader {
  key: string;
  accountId: string;
  siteId: string;
  dialogId: string | null;
}

/** Who sends a message with files, and the clientId that makes the send idempotent. */
export interface FileSender {
  key: string;
  accountId: string;
  clientId: string;
}

/**
 * C7 files: checked by content, kept in the operational database (see docs/decisions.md), served
 * at an unguessable URL signed with the installation's key, put on a message once.
 */
export class AttachmentsService {
  private purgeTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly ctx: ChatContext,
    private readonly signingKey: Buffer,
  ) {}

  /** Reads the signing key (created by the migration, the same on every node) and starts the purge. */
  static async start(ctx: ChatContext): Promise<AttachmentsService> {
    const key = await ctx.db.kysely.selectFrom('chat_keys').select('secret').where('name', '=', 'file-urls').executeTakeFirstOrThrow();
    const service = new AttachmentsService(ctx, Buffer.from(key.secret, 'base64url'));
    service.purgeTimer = setInterval(() => {
      service.purge().catch((err: unknown) => ctx.logger.error({ err }, 'purging unsent files failed'));
    }, PURGE_EVERY_MS);
    service.purgeTimer.unref();
    return service;
  }

  stop(): void {
    clearInterval(this.purgeTimer);
  }

  private get db() {
    return this.ctx.db.kysely;
  }

  async create(uploader: Uploader, file: { originalName: string; bytes: Buffer }): Promise<AttachmentDto> {
    const checked = await checkFileContent(file.bytes, file.originalName);
    const unsent = await this.db
      .selectFrom('chat_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('uploader_key', '=', uploader.key)
      .where('message_id', 'is', null)
      .where('created_at', '>', Date.now() - UNSENT_LIFETIME_MS)
      .executeTakeFirstOrThrow();
    if (Number(unsent.n) >= MAX_UNSENT_FILES) {
      throw new HttpError(429, 'too_many_files', `At most ${MAX_UNSENT_FILES} files may wait to be sent; send or remove some first`);
    }
    const row: AttachmentRow = {
      id: randomUUID(),
      account_id: uploader.accountId,
      site_id: uploader.siteId,
      uploader_key: uploader.key,
      dialog_id: uploader.dialogId,
      message_id: null,
      name: checked.name,
      mime: checked.mime,
      size: file.bytes.length,
      created_at: Date.now(),
    };
    await this.db.insertInto('chat_attachments').values({ ...row, bytes: file.bytes }).execute();
    return this.dto(row);
  }

  /** The file behind a URL, or undefined when the id is unknown or the signature is not ours. */
  async download(id: string, signature: string): Promise<{ name: string; mime: string; bytes: Buffer } | undefined> {
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const row = await this.db.selectFrom('chat_attachments').select(['name', 'mime', 'bytes']).where('id', '=', id).executeTakeFirst();
    return row && { name: row.name, mime: row.mime, bytes: Buffer.from(row.bytes) };
  }

  /**
   * The files a message is about to carry, in the order given. Each must be the sender's own, of
   * their account, an operator's uploaded for this dialog, and on no message yet — except the one a
   * retry of this very send (same clientId) already stored.
   */
  async claimable(ids: readonly string[], sender: FileSender, dialogId: string | null): Promise<AttachmentRow[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('chat_attachments as a')
      .leftJoin('chat_messages as m', 'm.id', 'a.message_id')
      .select(COLUMNS.map((c) => `a.${c}` as const))
      .select('m.client_id as bound_client_id')
      .where('a.id', 'in', [...ids])
      .where('a.uploader_key', '=', sender.key)
      .where('a.account_id', '=', sender.accountId)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) throw new HttpError(404, 'attachment_not_found', 'A file of this message was not found; upload it again');
      if (row.message_id !== null && row.bound_client_id !== sender.clientId) {
        throw new HttpError(409, 'attachment_used', `"${row.name}" has already been sent in another message`);
      }
      if (dialogId !== null && row.dialog_id !== dialogId) throw new HttpError(409, 'attachment_other_dialog', `"${row.name}" was uploaded for another dialog`);
      const { bound_client_id: _bound, ...attachment } = row;
      return attachment;
    });
  }

  /** Inside the message's transaction: a file another send took meanwhile fails (and undoes) this one. */
  async bind(trx: Transaction<ChatTables>, ids: readonly string[], messageId: string, dialogId: string): Promise<void> {
    if (!ids.length) return;
    const result = await trx
      .updateTable('chat_attachments')
      .set({ message_id: messageId, dialog_id: dialogId })
      .where('id', 'in', [...ids])
      .where('message_id', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== ids.length) throw new HttpError(409, 'attachment_used', 'A file of this message has just been sent in another message');
  }

  /** As kept with a message: the URL without the host, so a changed PUBLIC_URL does not break old messages. */
  storedDto(row: AttachmentRow): AttachmentDto {
    const url = `${CHAT_HTTP.files}/${row.id}/${this.sign(row.id)}/${encodeURIComponent(row.name)}`;
    return { id: row.id, name: row.name, mime: row.mime, size: row.size, url, isImage: isImageMime(row.mime) };
  }

  dto(row: AttachmentRow): AttachmentDto {
    return withHost(this.storedDto(row), this.ctx.publicUrl);
  }

  /** Removes files uploaded more than a day ago and never sent. */
  async purge(): Promise<number> {
    const result = await this.db
      .deleteFrom('chat_attachments')
      .where('message_id', 'is', null)
      .where('created_at', '<', Date.now() - UNSENT_LIFETIME_MS)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private sign(id: string): string {
    return createHmac('sha256', this.signingKey).update(`chat-file:${id}`).digest('base64url');
  }
}

/** A stored attachment's URL made absolute with the core's current public address. */
export const withHost = (a: AttachmentDto, publicUrl: string): AttachmentDto => (a.url.startsWith('/') ? { ...a, url: `${publicUrl}${a.url}` } : a);
