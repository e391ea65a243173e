import type { DialogDto, DialogSection } from '../../shared/chat.protocol';

export interface SectionDef {
  id: DialogSection;
  /** `dialogs`: the active ones (My / Common messages); `other`: History, Important, Blocked. */
  group: 'dialogs' | 'other';
  labelKey: string;
}

/** The dialog sections of C1/C2 in the order the left column shows them. */
export const SECTIONS: readonly SectionDef[] = [
  { id: 'mine', group: 'dialogs', labelKey: 'chat.sections.mine' },
  { id: 'common', group: 'dialogs', labelKey: 'chat.sections.common' },
  { id: 'archive', group: 'other', labelKey: 'chat.sections.archive' },
  { id: 'important', group: 'other', labelKey: 'chat.sections.important' },
  { id: 'blocked', group: 'other', labelKey: 'chat.sections.blocked' },
];

/**
 * Whether a dialog that just changed belongs to the section on screen, by the rules the server lists
 * sections with (plugins/chat/server/dialogs.service.ts). `undefined` when it cannot tell from the
 * dialog alone (whether its visitor is blocked): the list is then fetched again.
 */
export function belongsTo(section: DialogSection, dialog: DialogDto, me: number, visitorBlocked: boolean | undefined): boolean | undefined {
  switch (section) {
    case 'mine':
      if (dialog.status !== 'open' || (dialog.assigneeId !== null && dialog.assigneeId !== me)) return false;
      return visitorBlocked === undefined ? undefined : !visitorBlocked;
    case 'common':
      if (dialog.status !== 'open' || dialog.assigneeId === null || dialog.assigneeId === me) return false;
      return visitorBlocked === undefined ? undefined : !visitorBlocked;
    case 'archive':
      return dialog.status === 'closed';
    case 'important':
      return dialog.important;
    case 'blocked':
      return visitorBlocked;
  }
}

/** Newest activity first, as the server orders a section. */
export function byLastActivity(a: DialogDto, b: DialogDto): number {
  return activityOf(b).localeCompare(activityOf(a));
}

function activityOf(d: DialogDto): string {
  return d.lastMessage?.createdAt ?? d.createdAt;
}
