import type { ContentStore } from '../content/content-store.js';
import type { DepartmentRecord } from '../content/content.types.js';
import { badRequest, HttpError, notFound } from '../http/http-error.js';
import { departmentView, departmentViews, type DepartmentView } from './department-view.js';

export interface DepartmentInput {
  name: string;
  memberIds: number[];
}

/**
 * Departments of an account (A5): admin content kept in the CMS, written through the core so the
 * rules hold whoever calls — a name unique in the account, members who are the account's users.
 */
export class DepartmentsService {
  constructor(private readonly content: ContentStore) {}

  list(accountId: string): DepartmentView[] {
    return departmentViews(this.content, accountId);
  }

  async create(accountId: string, input: DepartmentInput): Promise<DepartmentView> {
    this.assertNameFree(accountId, input.name);
    const members = this.memberDocumentIds(accountId, input.memberIds);
    const created = await this.content.client.departments.create({ name: input.name, account: accountId, members });
    // Strapi answers a write with relations unpopulated; we know what we set.
    const record: DepartmentRecord = { ...created, account: accountId, members };
    this.content.upsertLocal('departments', record);
    return departmentView(this.content, record);
  }

  async update(accountId: string, id: string, changes: Partial<DepartmentInput>): Promise<DepartmentView> {
    const existing = this.get(accountId, id);
    if (changes.name !== undefined) this.assertNameFree(accountId, changes.name, id);
    const members = changes.memberIds && this.memberDocumentIds(accountId, changes.memberIds);
    const updated = await this.content.client.departments.update(id, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(members ? { members } : {}),
    });
    const record: DepartmentRecord = { ...existing, ...updated, account: existing.account, members: members ?? existing.members };
    this.content.upsertLocal('departments', record);
    return departmentView(this.content, record);
  }

  async remove(accountId: string, id: string): Promise<void> {
    this.get(accountId, id);
    await this.content.client.departments.remove(id);
    this.content.removeLocal('departments', id);
  }

  /** A department of this account, or 404 — never another account's. */
  private get(accountId: string, id: string): DepartmentRecord {
    const department = this.content.department(id);
    if (!department || department.account !== accountId) throw notFound('No such department in this account');
    return department;
  }

  private assertNameFree(accountId: string, name: string, exceptId?: string): void {
    const wanted = name.toLocaleLowerCase();
    const taken = this.content.departmentsOf(accountId).some((d) => d.documentId !== exceptId && d.name.toLocaleLowerCase() === wanted);
    if (taken) throw new HttpError(409, 'name_taken', 'A department with this name already exists', { name: 'Already in use' });
  }

  private memberDocumentIds(accountId: string, userIds: number[]): string[] {
    return userIds.map((userId) => {
      const user = this.content.user(userId);
      if (!user || user.account !== accountId) {
        throw badRequest(`Invalid request — memberIds: user ${userId} is not in this account`, { memberIds: `User ${userId} is not in this account` });
      }
      return user.documentId;
    });
  }
}
