import { badRequest, HttpError, notFound, type WritableContentType } from '../../../../core/src/index.js';
import type { ChatContext } from '../chat.db.js';
import { DEPARTMENT_TYPE, type DepartmentRecord, type DepartmentView } from './department.record.js';
import type { DepartmentsDirectory } from './departments.directory.js';

export interface DepartmentInput {
  name: string;
  memberIds: number[];
}

/**
 * Departments of an account (A5): the chat's content in the CMS, written through the core so the
 * rules hold whoever calls — a name unique in the account, members who are the account's users.
 */
export class DepartmentsService {
  private readonly records: WritableContentType<DepartmentRecord>;

  constructor(
    private readonly ctx: ChatContext,
    private readonly directory: DepartmentsDirectory,
  ) {
    this.records = ctx.content.writable<DepartmentRecord>(DEPARTMENT_TYPE);
  }

  list(accountId: string): DepartmentView[] {
    return this.directory.views(accountId);
  }

  async create(accountId: string, input: DepartmentInput): Promise<DepartmentView> {
    this.assertNameFree(accountId, input.name);
    const members = this.memberDocumentIds(accountId, input.memberIds);
    return this.directory.view(await this.records.create({ name: input.name, account: accountId, members }));
  }

  async update(accountId: string, id: string, changes: Partial<DepartmentInput>): Promise<DepartmentView> {
    this.get(accountId, id);
    if (changes.name !== undefined) this.assertNameFree(accountId, changes.name, id);
    const members = changes.memberIds && this.memberDocumentIds(accountId, changes.memberIds);
    const updated = await this.records.update(id, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(members ? { members } : {}),
    });
    return this.directory.view(updated);
  }

  async remove(accountId: string, id: string): Promise<void> {
    this.get(accountId, id);
    await this.records.remove(id);
  }

  /** A department of this account, or 404 — never another account's. */
  private get(accountId: string, id: string): DepartmentRecord {
    const department = this.directory.inAccount(accountId, id);
    if (!department) throw notFound('No such department in this account');
    return department;
  }

  private assertNameFree(accountId: string, name: string, exceptId?: string): void {
    const wanted = name.toLocaleLowerCase();
    const taken = this.directory.of(accountId).some((d) => d.documentId !== exceptId && d.name.toLocaleLowerCase() === wanted);
    if (taken) throw new HttpError(409, 'name_taken', 'A department with this name already exists', { name: 'Already in use' });
  }

  private memberDocumentIds(accountId: string, userIds: number[]): string[] {
    return userIds.map((userId) => {
      const user = this.ctx.content.user(userId);
      if (!user || user.account !== accountId) {
        throw badRequest(`Invalid request — memberIds: user ${userId} is not in this account`, { memberIds: `User ${userId} is not in this account` });
      }
      return user.documentId;
    });
  }
}
