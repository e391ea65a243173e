import type { ChatContext } from '../chat.db.js';
import { accountUserLookup, contentIndex } from '../content-index.js';
import { DEPARTMENT_TYPE, type DepartmentRecord, type DepartmentView } from './department.record.js';

interface Index {
  byAccount: Map<string, DepartmentRecord[]>;
  byId: Map<string, DepartmentRecord>;
  memberIds: Map<string, number[]>;
  departmentIdsByUser: Map<number, string[]>;
}

/**
 * The departments (A5) as the chat reads them: routing reads members on every dialog list and
 * counter, so they are resolved once per change of the content, not per read.
 */
export class DepartmentsDirectory {
  private readonly index: () => Index;

  constructor(private readonly ctx: Pick<ChatContext, 'content'>) {
    this.index = contentIndex(ctx, () => this.build());
  }

  of(accountId: string): readonly DepartmentRecord[] {
    return this.index().byAccount.get(accountId) ?? [];
  }

  /** A department of this account, or undefined — never another account's. */
  inAccount(accountId: string, documentId: string): DepartmentRecord | undefined {
    const department = this.index().byId.get(documentId);
    return department?.account === accountId ? department : undefined;
  }

  /** User ids of a department's members (users of its account only). */
  memberIdsOf(departmentId: string): number[] {
    return this.index().memberIds.get(departmentId) ?? [];
  }

  /** documentIds of the departments a user is a member of. */
  departmentIdsOf(userId: number): string[] {
    return this.index().departmentIdsByUser.get(userId) ?? [];
  }

  view(d: DepartmentRecord): DepartmentView {
    return { id: d.documentId, name: d.name, memberIds: this.memberIdsOf(d.documentId) };
  }

  /** The account's departments by name, as both the REST API and the chat namespace list them. */
  views(accountId: string): DepartmentView[] {
    return this.of(accountId)
      .map((d) => this.view(d))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Members are users-permissions documentIds in the CMS; routing works with user ids. A member who
   * is gone or now belongs to another account is no member.
   */
  private build(): Index {
    const { content } = this.ctx;
    const index: Index = { byAccount: new Map(), byId: new Map(), memberIds: new Map(), departmentIdsByUser: new Map() };
    const userOf = accountUserLookup(content);
    for (const department of content.records<DepartmentRecord>(DEPARTMENT_TYPE).all()) {
      const { account } = department;
      if (!account) continue;
      index.byId.set(department.documentId, department);
      index.byAccount.set(account, [...(index.byAccount.get(account) ?? []), department]);
      const ids = department.members.flatMap((documentId) => userOf(account, documentId)?.id ?? []);
      index.memberIds.set(department.documentId, ids);
      for (const id of ids) index.departmentIdsByUser.set(id, [...(index.departmentIdsByUser.get(id) ?? []), department.documentId]);
    }
    return index;
  }
}
