import { type DialogDto, PINNABLE_ACTIONS, type PinnableAction, type VisitorDto } from '../../shared/chat.protocol';
import type { ChatIconName } from '../ui/chat-icon';

export type DialogActionId = PinnableAction | 'close';

export interface ActionContext {
  dialog: DialogDto;
  visitor: VisitorDto;
}

/**
 * One action of the dialog toolbar (C13–C16). All of them are defined here, in one list: the toolbar
 * shows the operator's pinned ones (C17, their saved preferences) as quick buttons, the rest of the
 * pinnable ones (the protocol's PINNABLE_ACTIONS) in its "more" menu, and the others — closing, the
 * guide's main button — always as buttons.
 */
export interface DialogAction {
  id: DialogActionId;
  icon: ChatIconName;
  /** Translation key of the label for this dialog (toggles say what a click will do). */
  label(ctx: ActionContext): string;
  /** Translation key naming the action whatever the dialog (the quick bar's settings). */
  name: string;
  testId: string;
  danger?: boolean;
  /** Whether the action applies to this dialog now. */
  available(ctx: ActionContext): boolean;
  /** For toggles: whether it is on now. */
  pressed?(ctx: ActionContext): boolean;
}

const isOpen = ({ dialog }: ActionContext) => dialog.status === 'open';
const always = () => true;

export const DIALOG_ACTIONS: readonly DialogAction[] = [
  { id: 'transfer', icon: 'transfer', label: () => 'chat.actions.transfer', name: 'chat.actions.transfer', testId: 'chat-transfer', available: isOpen },
  {
    id: 'important',
    icon: 'flag',
    label: ({ dialog }) => (dialog.important ? 'chat.actions.unimportant' : 'chat.actions.important'),
    name: 'chat.actions.names.important',
    testId: 'chat-important',
    available: always,
    pressed: ({ dialog }) => dialog.important,
  },
  { id: 'close', icon: 'done', label: () => 'chat.actions.close', name: 'chat.actions.close', testId: 'chat-close', available: isOpen },
  { id: 'rating', icon: 'rating', label: () => 'chat.actions.rating', name: 'chat.actions.rating', testId: 'chat-request-rating', available: always },
  { id: 'transcript', icon: 'mail', label: () => 'chat.actions.transcript', name: 'chat.actions.transcript', testId: 'chat-transcript', available: always },
  { id: 'rename', icon: 'pencil', label: () => 'chat.actions.rename', name: 'chat.actions.rename', testId: 'chat-rename', available: always },
  {
    id: 'block',
    icon: 'ban',
    label: ({ visitor }) => (visitor.blocked ? 'chat.actions.unblock' : 'chat.actions.block'),
    name: 'chat.actions.names.block',
    testId: 'chat-block',
    danger: true,
    available: always,
    pressed: ({ visitor }) => visitor.blocked,
  },
];

export type PinnableDialogAction = DialogAction & { id: PinnableAction };

const isPinnable = (action: DialogAction): action is PinnableDialogAction => (PINNABLE_ACTIONS as readonly DialogActionId[]).includes(action.id);

/** C17: what the operator may pin as quick buttons, in the menu's order. */
export const PINNABLE_DIALOG_ACTIONS: readonly PinnableDialogAction[] = DIALOG_ACTIONS.filter(isPinnable);
/** Always a button of their own. */
export const MAIN_DIALOG_ACTIONS: readonly DialogAction[] = DIALOG_ACTIONS.filter((action) => !isPinnable(action));
