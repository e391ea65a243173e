import type { DialogDto, VisitorDto } from '../shared/chat.protocol';
import type { ChatIconName } from './chat-icon';

export type DialogActionId = 'transfer' | 'important' | 'close' | 'rating' | 'transcript' | 'rename' | 'block';

export interface ActionContext {
  dialog: DialogDto;
  visitor: VisitorDto;
}

/**
 * One action of the dialog toolbar (C13–C16). All of them are defined here, in one list: the toolbar
 * shows the `quick` ones as buttons and the rest in its "more" menu, so letting the operator pin any
 * action as a quick button (C17) only changes which ids are quick.
 */
export interface DialogAction {
  id: DialogActionId;
  icon: ChatIconName;
  /** Translation key of the label for this dialog (toggles say what a click will do). */
  label(ctx: ActionContext): string;
  testId: string;
  quick: boolean;
  danger?: boolean;
  /** Whether the action applies to this dialog now. */
  available(ctx: ActionContext): boolean;
  /** For toggles: whether it is on now. */
  pressed?(ctx: ActionContext): boolean;
}

const isOpen = ({ dialog }: ActionContext) => dialog.status === 'open';
const always = () => true;

export const DIALOG_ACTIONS: readonly DialogAction[] = [
  { id: 'transfer', icon: 'transfer', label: () => 'chat.actions.transfer', testId: 'chat-transfer', quick: true, available: isOpen },
  {
    id: 'important',
    icon: 'flag',
    label: ({ dialog }) => (dialog.important ? 'chat.actions.unimportant' : 'chat.actions.important'),
    testId: 'chat-important',
    quick: true,
    available: always,
    pressed: ({ dialog }) => dialog.important,
  },
  { id: 'close', icon: 'done', label: () => 'chat.actions.close', testId: 'chat-close', quick: true, available: isOpen },
  { id: 'rating', icon: 'rating', label: () => 'chat.actions.rating', testId: 'chat-request-rating', quick: false, available: always },
  { id: 'transcript', icon: 'mail', label: () => 'chat.actions.transcript', testId: 'chat-transcript', quick: false, available: always },
  { id: 'rename', icon: 'pencil', label: () => 'chat.actions.rename', testId: 'chat-rename', quick: false, available: always },
  {
    id: 'block',
    icon: 'ban',
    label: ({ visitor }) => (visitor.blocked ? 'chat.actions.unblock' : 'chat.actions.block'),
    testId: 'chat-block',
    quick: false,
    danger: true,
    available: always,
    pressed: ({ visitor }) => visitor.blocked,
  },
];
