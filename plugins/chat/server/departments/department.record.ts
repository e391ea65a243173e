import type { ContentRecord } from '../../../../core/src/index.js';

/** The chat's content type (plugins/chat/content-types/department). */
export const DEPARTMENT_TYPE = 'department';

/** A5: a group of the account's operators that dialogs are routed to. */
export interface DepartmentRecord extends ContentRecord {
  name: string;
  account: string | null;
  /** documentIds of users-permissions users. */
  members: string[];
}

/** A department as the panel and the chat protocol see it (`DepartmentDto`). */
export interface DepartmentView {
  id: string;
  name: string;
  memberIds: number[];
}
