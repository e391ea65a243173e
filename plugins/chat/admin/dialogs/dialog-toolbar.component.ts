import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { type CdkDragDrop, CdkDrag, CdkDragPlaceholder, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { TranslatePipe } from '@ngx-translate/core';
import { ConfirmDialog, type DialogToolbarAction, I18nService, Icon, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import type { QuickActionId } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { type ActionContext, DIALOG_ACTIONS, type DialogAction, MAIN_DIALOG_ACTIONS } from './dialog-actions';
import { DialogCommands } from './dialog-commands.service';
import { InitialsPipe } from '../ui/format';
import { ChatPopover } from '../ui/popover.component';
import { QuickActions, asChatAction, asPluginAction } from './quick-actions.service';
import { QuickbarSettings } from '../settings/quickbar-settings.component';
import { TranscriptPanel } from './transcript-panel.component';
import { TransferPanel } from './transfer-panel.component';

type Panel = 'more' | 'transfer' | 'transcript' | 'customise';
/** The drop lists of C17: the quick bar and the "more" menu. */
type DropZone = 'bar' | 'menu';

/**
 * The open dialog's header: who it is with, and what can be done to it (C13–C17), with the actions
 * the account's other plugins add (DIALOG_TOOLBAR_ACTIONS: primary ones as buttons, secondary ones in
 * the menu, pinnable to the quick bar like the chat's own).
 */
@Component({
  selector: 'cp-dialog-toolbar',
  imports: [TranslatePipe, ChatIcon, Icon, InitialsPipe, ChatPopover, TransferPanel, TranscriptPanel, QuickbarSettings, ConfirmDialog, CdkDropListGroup, CdkDropList, CdkDrag, CdkDragPlaceholder],
  providers: [QuickActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './dialog-toolbar.component.css',
  template: `
    @if (context(); as ctx) {
      <button type="button" class="icon-btn back" (click)="back.emit()" [attr.aria-label]="'chat.back' | translate"><svg chatIcon="back"></svg></button>
      <span class="avatar" aria-hidden="true">{{ ctx.visitor.name | initials }}</span>
      <div class="who">
        <h2 id="chat-dialog-title" data-testid="chat-dialog-title">{{ ctx.visitor.name }}</h2>
        <p>
          <span class="activity" [attr.data-activity]="ctx.visitor.activity">{{ 'chat.activity.' + ctx.visitor.activity | translate }}</span>
          @if (ctx.dialog.status === 'closed') { <span class="badge">{{ 'chat.dialog.closed' | translate }}</span> }
          @if (ctx.visitor.blocked) { <span class="badge badge-danger">{{ 'chat.dialog.blocked' | translate }}</span> }
          @if (ctx.dialog.rating) { <span class="badge badge-warning" data-testid="chat-rating">★ {{ ctx.dialog.rating }}</span> }
          @if (ctx.visitor.page; as page) { <span class="where" [title]="page.url">{{ page.title || page.url }}</span> }
        </p>
      </div>
      <div class="actions" cdkDropListGroup>
        <!-- C17: the operator's quick buttons; drag one in from the menu, along the bar, or back to the menu. -->
        <div class="quickbar" cdkDropList cdkDropListOrientation="horizontal" [cdkDropListData]="zones.bar" (cdkDropListDropped)="dropped($event)"
          data-testid="chat-quickbar" role="group" [attr.aria-label]="'chat.quick.title' | translate">
          @for (entry of quick.pinned(); track entry.id) {
            <span class="quick" cdkDrag [cdkDragData]="entry.id" [attr.data-testid]="'chat-quick-' + entry.id">
              @if (asChatAction(entry); as action) {
                <button type="button" class="btn btn-ghost btn-sm act" [attr.data-testid]="action.testId" [attr.data-action]="action.id"
                  [attr.aria-pressed]="action.pressed ? action.pressed(ctx) : null" [attr.aria-expanded]="expands(action) ? panel() === action.id : null"
                  [disabled]="busy() === action.id || !action.available(ctx)" [title]="action.label(ctx) | translate" (click)="run(action, ctx)">
                  <svg [chatIcon]="action.icon"></svg><span class="txt">{{ action.label(ctx) | translate }}</span>
                </button>
              } @else if (asPluginAction(entry); as plugin) {
                <button type="button" class="btn btn-ghost btn-sm act" [attr.data-testid]="'chat-plugin-action-' + plugin.id" [attr.data-action]="plugin.id"
                  [title]="plugin.entry.value.label[lang()]" (click)="runPlugin(plugin.entry.value, ctx)">
                  <cp-icon [name]="plugin.entry.value.icon" /><span class="txt">{{ plugin.entry.value.label[lang()] }}</span>
                </button>
              }
            </span>
          }
        </div>
        @for (action of main; track action.id) {
          @if (action.available(ctx)) {
            <button type="button" class="btn btn-ghost btn-sm act" [attr.data-testid]="action.testId" [attr.data-action]="action.id"
              [disabled]="busy() === action.id" [title]="action.label(ctx) | translate" (click)="run(action, ctx)">
              <svg [chatIcon]="action.icon"></svg><span class="txt">{{ action.label(ctx) | translate }}</span>
            </button>
          }
        }
        @for (plugin of quick.pluginPrimary(); track plugin.pluginId + ':' + plugin.value.id) {
          <button type="button" class="btn btn-ghost btn-sm act plugin" [attr.data-testid]="'chat-plugin-action-' + plugin.pluginId + '.' + plugin.value.id"
            [title]="plugin.value.label[lang()]" [attr.aria-label]="plugin.value.label[lang()]" (click)="runPlugin(plugin.value, ctx)">
            <cp-icon [name]="plugin.value.icon" /><span class="txt">{{ plugin.value.label[lang()] }}</span>
          </button>
        }
        <button type="button" class="btn btn-ghost btn-sm act" data-testid="chat-more" [attr.aria-expanded]="panel() === 'more'"
          [title]="'chat.actions.more' | translate" [attr.aria-label]="'chat.actions.more' | translate" (click)="toggle('more')">
          <svg chatIcon="more"></svg>
        </button>
        <button type="button" class="btn btn-ghost btn-sm act card-toggle" data-testid="chat-card-toggle" [attr.aria-pressed]="cardShown()"
          [title]="'chat.card.title' | translate" [attr.aria-label]="'chat.card.title' | translate" (click)="toggleCard.emit()">
          <svg chatIcon="panel"></svg>
        </button>
        @switch (panel()) {
          @case ('more') {
            <cp-chat-popover edge="end" [label]="'chat.actions.more' | translate" (closed)="panel.set(null)">
              <ul class="menu" role="menu" cdkDropList cdkDropListSortingDisabled [cdkDropListData]="zones.menu" (cdkDropListDropped)="dropped($event)"
                data-testid="chat-more-menu">
                @for (entry of quick.unpinned(); track entry.id) {
                  @if (asChatAction(entry); as action) {
                    @if (action.available(ctx)) {
                      <li role="none" class="menu-entry" cdkDrag [cdkDragData]="action.id">
                        <button type="button" role="menuitem" class="item" [class.danger]="action.danger" [attr.data-testid]="action.testId" [attr.data-action]="action.id"
                          [disabled]="busy() === action.id" (click)="run(action, ctx)">
                          <svg [chatIcon]="action.icon"></svg>{{ action.label(ctx) | translate }}
                        </button>
                        <!-- Where it would land: a button's size, so the bar does not jump while it passes. -->
                        <span *cdkDragPlaceholder class="slot"><svg [chatIcon]="action.icon"></svg></span>
                      </li>
                    }
                  } @else if (asPluginAction(entry); as plugin) {
                    <li role="none" class="menu-entry" cdkDrag [cdkDragData]="plugin.id">
                      <button type="button" role="menuitem" class="item" [attr.data-testid]="'chat-plugin-action-' + plugin.id" [attr.data-action]="plugin.id"
                        (click)="runPlugin(plugin.entry.value, ctx)">
                        <cp-icon [name]="plugin.entry.value.icon" />{{ plugin.entry.value.label[lang()] }}
                      </button>
                      <span *cdkDragPlaceholder class="slot"><cp-icon [name]="plugin.entry.value.icon" /></span>
                    </li>
                  }
                }
              </ul>
              <div class="menu-foot">
                <p>{{ 'chat.quick.dragHint' | translate }}</p>
                <button type="button" class="item" data-testid="chat-customise-quickbar" (click)="panel.set('customise')">
                  <svg chatIcon="sliders"></svg>{{ 'chat.quick.customise' | translate }}
                </button>
              </div>
            </cp-chat-popover>
          }
          @case ('customise') {
            <cp-chat-popover edge="end" [label]="'chat.quick.title' | translate" (closed)="panel.set(null)">
              <cp-quickbar-settings />
            </cp-chat-popover>
          }
          @case ('transfer') {
            <cp-chat-popover edge="end" [label]="'chat.transfer.title' | translate" (closed)="panel.set(null)">
              <cp-transfer-panel [dialog]="ctx.dialog" (done)="panel.set(null)" />
            </cp-chat-popover>
          }
          @case ('transcript') {
            <cp-chat-popover edge="end" [label]="'chat.transcript.title' | translate" (closed)="panel.set(null)">
              <cp-transcript-panel [dialog]="ctx.dialog" [visitor]="ctx.visitor" (done)="panel.set(null)" />
            </cp-chat-popover>
          }
        }
      </div>
      <!-- C13: blocking also shuts out the visitor's address, so it is asked first; unblocking is not. -->
      <cp-confirm-dialog testId="chat-block" icon="user-x" [title]="'chat.actions.blockConfirm.title' | translate"
        [text]="'chat.actions.blockConfirm.text' | translate: { name: ctx.visitor.name }" [confirmLabel]="'chat.actions.blockConfirm.confirm' | translate"
        (confirmed)="blockConfirmed()" />
    }
  `,
})
export class DialogToolbar {
  private readonly store = inject(ChatStore);
  private readonly commands = inject(DialogCommands);
  private readonly toasts = inject(ToastService);
  readonly cardShown = input(false);
  readonly back = output<void>();
  readonly toggleCard = output<void>();

  protected readonly panel = signal<Panel | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly context = computed<ActionContext | null>(() => {
    const open = this.store.open();
    return open ? { dialog: open.dialog, visitor: open.visitor } : null;
  });
  protected readonly quick = inject(QuickActions);
  protected readonly main = MAIN_DIALOG_ACTIONS;
  protected readonly asChatAction = asChatAction;
  protected readonly asPluginAction = asPluginAction;
  protected readonly lang = inject(I18nService).current;
  protected readonly zones: Readonly<Record<DropZone, DropZone>> = { bar: 'bar', menu: 'menu' };
  private readonly blockDialog = viewChild(ConfirmDialog);

  protected expands(action: DialogAction): boolean {
    return action.id === 'transfer' || action.id === 'transcript';
  }

  protected toggle(panel: Panel): void {
    this.panel.set(this.panel() === panel ? null : panel);
  }

  /** C17: dropped on the quick bar (pinned there, or moved along it) or on the menu (unpinned). */
  protected dropped(event: CdkDragDrop<DropZone, DropZone, QuickActionId>): void {
    if (event.container.data === 'bar') this.quick.place(event.item.data, event.currentIndex);
    else if (event.previousContainer.data === 'bar') this.quick.unpin(event.item.data);
  }

  protected run(action: DialogAction, ctx: ActionContext): void {
    switch (action.id) {
      case 'transfer':
      case 'transcript':
        return this.toggle(action.id);
      case 'rename':
        this.panel.set(null);
        this.store.renameRequests.update((n) => n + 1);
        return;
      case 'important':
        return this.perform(action, () => this.commands.setImportant(ctx.dialog, !ctx.dialog.important), ctx.dialog.important ? 'chat.toast.unimportant' : 'chat.toast.important');
      case 'close':
        return this.perform(action, () => this.commands.close(ctx.dialog), 'chat.toast.closed');
      case 'rating':
        return this.perform(action, () => this.commands.requestRating(ctx.dialog), 'chat.toast.ratingRequested');
      case 'block':
        if (!ctx.visitor.blocked) {
          this.panel.set(null);
          return this.blockDialog()?.open();
        }
        return this.perform(action, () => this.commands.setBlocked(ctx.visitor, false), 'chat.toast.unblocked');
    }
  }

  /** Another plugin's action: it gets the dialog's ids and does its own work. */
  protected runPlugin(action: DialogToolbarAction, ctx: ActionContext): void {
    this.panel.set(null);
    action.run({ dialogId: ctx.dialog.id, visitorId: ctx.visitor.id, siteId: ctx.dialog.siteId });
  }

  /** Confirmed in the dialog: block the visitor of the dialog open now (the dialog is modal, so it is the one asked about). */
  protected blockConfirmed(): void {
    this.blockDialog()?.close();
    const ctx = this.context();
    const action = DIALOG_ACTIONS.find((a) => a.id === 'block');
    if (ctx && action) this.perform(action, () => this.commands.setBlocked(ctx.visitor, true), 'chat.toast.blocked');
  }

  private perform(action: DialogAction, command: () => Promise<void>, doneKey: string): void {
    this.panel.set(null);
    this.busy.set(action.id);
    command().then(
      () => this.toasts.show('success', doneKey),
      (err: unknown) => {
        const text = chatErrorText(err);
        this.toasts.show('error', text.key ?? 'errors.generic');
      },
    ).finally(() => this.busy.set(null));
  }
}
