import { InjectionToken, type Type } from '@angular/core';
import type { IconName } from '../shared/icon';
import type { LocalizedText } from './define';

/**
 * The chat workplace's slots (issue 10, item 8). A plugin fills one with a multi-provider in its
 * manifest's `slots`, e.g. `{ provide: VISITOR_CARD_SECTIONS, multi: true, useValue: {…} }`; a
 * `useFactory` entry may `inject` the plugin's own services. The host reads the entries of the
 * plugins enabled for the account only (PluginSlots), so a plugin switched off takes its entries
 * with it, and one switched on brings them without a reload. Components get their context as inputs.
 */

/** What a dialog-bound entry is told. */
export interface DialogContext {
  readonly dialogId: string;
  readonly visitorId: string;
  readonly siteId: string;
}

/**
 * A button of the dialog toolbar: `primary` ones stand in the toolbar, `secondary` ones in its
 * «More» menu, from which the operator may pin any of them as a quick button (C17).
 */
export interface DialogToolbarAction {
  readonly id: string;
  readonly placement: 'primary' | 'secondary';
  readonly icon: IconName;
  readonly label: LocalizedText;
  readonly run: (context: DialogContext) => void;
}
export const DIALOG_TOOLBAR_ACTIONS = new InjectionToken<readonly DialogToolbarAction[]>('DIALOG_TOOLBAR_ACTIONS');

/** A section of the visitor card; its component gets the inputs `visitorId` and `siteId`. */
export interface VisitorCardSection {
  readonly id: string;
  readonly title: LocalizedText;
  readonly component: Type<unknown>;
}
export const VISITOR_CARD_SECTIONS = new InjectionToken<readonly VisitorCardSection[]>('VISITOR_CARD_SECTIONS');

/** A small mark beside a row; its component gets the input `visitorId` (and `dialogId` in the dialog list). */
export interface ListBadge {
  readonly id: string;
  readonly component: Type<unknown>;
}
export const VISITOR_LIST_BADGES = new InjectionToken<readonly ListBadge[]>('VISITOR_LIST_BADGES');
export const DIALOG_LIST_BADGES = new InjectionToken<readonly ListBadge[]>('DIALOG_LIST_BADGES');

/**
 * Draws the messages of kind `<pluginId>.<name>` in a conversation; its component gets the inputs
 * `payload` (unknown: the component checks it) and `text` (the message's plain text).
 */
export interface MessageRenderer {
  readonly kind: string;
  readonly component: Type<unknown>;
}
export const MESSAGE_RENDERERS = new InjectionToken<readonly MessageRenderer[]>('MESSAGE_RENDERERS');

/** A kind of browser notification (C20) with its own switch among the chat's ones (PanelNotifications). */
export interface NotificationKind {
  /** `<pluginId>` or `<pluginId>.<name>`. */
  readonly id: string;
  readonly label: LocalizedText;
}
export const NOTIFICATION_KINDS = new InjectionToken<readonly NotificationKind[]>('NOTIFICATION_KINDS');

/** A window over every page of the panel (the call window, the co-browsing view); it places itself. */
export interface FloatingWindow {
  readonly id: string;
  readonly component: Type<unknown>;
}
export const FLOATING_WINDOWS = new InjectionToken<readonly FloatingWindow[]>('FLOATING_WINDOWS');
