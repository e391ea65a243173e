import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { HttpError, notFound } from '../../../core/src/http/http-error.js';
import type { TemplateDto } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';
import type { ChatTables } from './chat.tables.js';

type TemplateRow = Selectable<ChatTables['chat_templates']>;

/** A bound on what one account can store; far above what a picker can show usefully. */
const TEMPLATES_PER_ACCOUNT = 1000;

const toDto = (r: TemplateRow): TemplateDto => ({ id: r.id, name: r.name, text: r.text, updatedAt: new Date(r.updated_at).toISOString() });

const nameKey = (name: string) => name.toLocaleLowerCase();

const nameTaken = () => new HttpError(409, 'name_taken', 'A template with this name already exists');

/**
 * C12: message templates shared by the account's operators. Kept in the operational database, not
 * the CMS: the chat input reads and admins write them while working (see docs/decisions.md).
 */
export class TemplatesService {
  constructor(private readonly ctx: ChatContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async list(accountId: string): Promise<TemplateDto[]> {
    const rows = await this.db.selectFrom('chat_templates').selectAll().where('account_id', '=', accountId).orderBy('name_key').orderBy('id').execute();
    return rows.map(toDto);
  }

  /** Creates a template, or updates the one with `id`; names are unique in the account (any case). */
  async save(accountId: string, input: { id?: string | undefined; name: string; text: string }): Promise<TemplateDto> {
    const key = nameKey(input.name);
    const clash = await this.db
      .selectFrom('chat_templates')
      .select('id')
      .where('account_id', '=', accountId)
      .where('name_key', '=', key)
      .$if(input.id !== undefined, (q) => q.where('id', '!=', input.id ?? ''))
      .executeTakeFirst();
    if (clash) throw nameTaken();
    const now = Date.now();
    if (input.id !== undefined) return this.update(accountId, input.id, { name: input.name, name_key: key, text: input.text, updated_at: now });
    const { count } = await this.db.selectFrom('chat_templates').select((eb) => eb.fn.countAll<number>().as('count')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
    if (count >= TEMPLATES_PER_ACCOUNT) throw new HttpError(409, 'too_many_templates', `At most ${TEMPLATES_PER_ACCOUNT} templates; delete some first`);
    const row: TemplateRow = { id: randomUUID(), account_id: accountId, name: input.name, name_key: key, text: input.text, created_at: now, updated_at: now };
    await this.uniqueName(() => this.db.insertInto('chat_templates').values(row).execute());
    return toDto(row);
  }

  private async update(accountId: string, id: string, changes: Pick<TemplateRow, 'name' | 'name_key' | 'text' | 'updated_at'>): Promise<TemplateDto> {
    const result = await this.uniqueName(() => this.db.updateTable('chat_templates').set(changes).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst());
    if (!result.numUpdatedRows) throw notFound('No such template');
    return toDto(await this.db.selectFrom('chat_templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }

  async remove(accountId: string, id: string): Promise<void> {
    const { numDeletedRows } = await this.db.deleteFrom('chat_templates').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!numDeletedRows) throw notFound('No such template');
  }

  /** Two admins saving one name at once: the unique key lets one in; the other gets a clear 409. */
  private async uniqueName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (/unique|duplicate/i.test(String((err as Error).message))) throw nameTaken();
      throw err;
    }
  }
}
