import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { HttpError, notFound } from '../../../core/src/index.js';
import type { TemplateDto } from '../shared/chat.protocol.js';
import { isUniqueViolation, type ChatContext } from './chat.db.js';
import type { ChatTables } from './chat.tables.js';

type TemplateRow = Selectable<ChatTables['chat_templates']>;

/** Who asks to change a template: its author and the account's admins may. */
export interface TemplateEditor {
  userId: number;
  isAdmin: boolean;
}

/** A bound on what one account can store; far above what a picker can show usefully. */
const TEMPLATES_PER_ACCOUNT = 1000;

const toDto = (r: TemplateRow): TemplateDto => ({ id: r.id, name: r.name, text: r.text, updatedAt: new Date(r.updated_at).toISOString(), authorId: r.created_by });

const nameKey = (name: string) => name.toLocaleLowerCase();

const nameTaken = () => new HttpError(409, 'name_taken', 'A template with this name already exists');

/**
 * C12: message templates shared by the account's operators. Any operator writes one (as the
 * guide's operators do, from the chat input); its author and the account's admins change or delete
 * it, so colleagues cannot rewrite each other's texts. Kept in the operational database, not the
 * CMS: the chat input reads and operators write them while working (see docs/decisions.md).
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
  async save(accountId: string, editor: TemplateEditor, input: { id?: string | undefined; name: string; text: string }): Promise<TemplateDto> {
    if (input.id !== undefined) await this.mayChange(accountId, editor, input.id);
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
    const row: TemplateRow = { id: randomUUID(), account_id: accountId, name: input.name, name_key: key, text: input.text, created_at: now, updated_at: now, created_by: editor.userId };
    await this.uniqueName(() => this.db.insertInto('chat_templates').values(row).execute());
    return toDto(row);
  }

  private async update(accountId: string, id: string, changes: Pick<TemplateRow, 'name' | 'name_key' | 'text' | 'updated_at'>): Promise<TemplateDto> {
    const result = await this.uniqueName(() => this.db.updateTable('chat_templates').set(changes).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst());
    if (!result.numUpdatedRows) throw notFound('No such template');
    return toDto(await this.db.selectFrom('chat_templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }

  async remove(accountId: string, editor: TemplateEditor, id: string): Promise<void> {
    await this.mayChange(accountId, editor, id);
    const { numDeletedRows } = await this.db.deleteFrom('chat_templates').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!numDeletedRows) throw notFound('No such template');
  }

  /** Another account's template is "not found", as a missing one is; a colleague's is forbidden. */
  private async mayChange(accountId: string, editor: TemplateEditor, id: string): Promise<void> {
    const row = await this.db.selectFrom('chat_templates').select('created_by').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw notFound('No such template');
    if (!editor.isAdmin && row.created_by !== editor.userId) {
      throw new HttpError(403, 'forbidden', 'Only the author of this template or an account administrator can change it');
    }
  }

  /** Two operators saving one name at once: the unique key lets one in; the other gets a clear 409. */
  private async uniqueName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
  }
}
