import type { ContentStore } from '../content/content-store.js';
import type { DepartmentRecord } from '../content/content.types.js';

/** A department as the panel and the chat protocol see it (`DepartmentDto`). */
export interface DepartmentView {
  id: string;
  name: string;
  memberIds: number[];
}

export const departmentView = (content: ContentStore, d: DepartmentRecord): DepartmentView => ({
  id: d.documentId,
  name: d.name,
  memberIds: content.memberIdsOf(d.documentId),
});

/** The account's departments by name, as both the REST API and the chat namespace list them. */
export const departmentViews = (content: ContentStore, accountId: string): DepartmentView[] =>
  content
    .departmentsOf(accountId)
    .map((d) => departmentView(content, d))
    .sort((a, b) => a.name.localeCompare(b.name));
