import { ChangeDetectionStrategy, Component, Injector, afterNextRender, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService, Icon } from '../../../../admin-ui/src/app/plugin-api';
import type { QuickActionId } from '../../shared/chat.protocol';
import { ChatIcon } from '../ui/chat-icon';
import { type QuickAction, QuickActions, asChatAction, asPluginAction } from '../dialogs/quick-actions.service';

/**
 * C17 without a mouse: pin and unpin the dialog's actions as quick buttons with a switch each, and
 * order the pinned ones with ← → buttons. Dragging in the toolbar does the same.
 */
@Component({
  selector: 'cp-quickbar-settings',
  imports: [TranslatePipe, ChatIcon, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; width: min(21rem, calc(100vw - 2rem)); padding: .75rem 0 .5rem; }
    h3 { margin: 0; padding: 0 1rem; font-size: .9375rem; }
    .hint { margin: .25rem 1rem .5rem; font-size: .8125rem; color: var(--gray-500); }
    ol { list-style: none; margin: 0; padding: 0 .375rem; }
    li { display: flex; align-items: center; gap: .5rem; padding: .3125rem .375rem .3125rem .625rem; border-radius: 7px; }
    li:hover { background: var(--gray-50); }
    label { flex: 1; min-width: 0; display: flex; align-items: center; gap: .5rem; font-size: .875rem; color: var(--gray-700); cursor: pointer; }
    label .chat-icon { color: var(--gray-400); }
    li.on label { color: var(--gray-900); font-weight: 550; }
    li.on label .chat-icon { color: var(--primary-600); }
    input { accent-color: var(--primary-600); margin: 0; width: 1rem; height: 1rem; cursor: pointer; }
    .order { display: flex; gap: 1px; }
    .order button { all: unset; display: grid; place-items: center; width: 1.75rem; height: 1.75rem; border-radius: 6px; cursor: pointer; color: var(--gray-500); }
    .order button:hover:not(:disabled), .order button:focus-visible { background: var(--gray-200); color: var(--gray-900); }
    .order button:focus-visible { outline: 2px solid var(--primary-500); }
    .order button:disabled { opacity: .35; cursor: default; }
    li.sep { height: 1px; padding: 0; margin: .375rem .75rem; background: var(--gray-200); }
    .foot { display: flex; justify-content: space-between; gap: .5rem; padding: .5rem .75rem 0; }
  `,
  template: `
    <h3 id="quickbar-settings-title">{{ 'chat.quick.title' | translate }}</h3>
    <p class="hint">{{ 'chat.quick.hint' | translate }}</p>
    <ol aria-labelledby="quickbar-settings-title" data-testid="chat-quick-settings">
      @for (action of quick.pinned(); track action.id; let first = $first; let last = $last) {
        <li class="on" [attr.data-action]="action.id">
          <label>
            <input type="checkbox" checked [attr.data-testid]="'chat-quick-toggle-' + action.id" (change)="quick.unpin(action.id)" />
            @if (asPluginAction(action); as plugin) { <cp-icon class="chat-icon" [name]="plugin.entry.value.icon" /> } @else if (asChatAction(action); as own) { <svg [chatIcon]="own.icon"></svg> }{{ nameOf(action) | translate }}
          </label>
          <span class="order">
            <button type="button" [attr.data-testid]="'chat-quick-left-' + action.id" [disabled]="first" (click)="move(action.id, -1, $event)"
              [title]="'chat.quick.left' | translate" [attr.aria-label]="('chat.quick.left' | translate) + ': ' + (nameOf(action) | translate)">
              <svg chatIcon="arrowLeft"></svg>
            </button>
            <button type="button" [attr.data-testid]="'chat-quick-right-' + action.id" [disabled]="last" (click)="move(action.id, 1, $event)"
              [title]="'chat.quick.right' | translate" [attr.aria-label]="('chat.quick.right' | translate) + ': ' + (nameOf(action) | translate)">
              <svg chatIcon="arrowRight"></svg>
            </button>
          </span>
        </li>
      }
      @if (quick.pinned().length && quick.unpinned().length) { <li class="sep" role="separator"></li> }
      @for (action of quick.unpinned(); track action.id) {
        <li [attr.data-action]="action.id">
          <label>
            <input type="checkbox" [attr.data-testid]="'chat-quick-toggle-' + action.id" (change)="quick.place(action.id, quick.pinned().length)" />
            @if (asPluginAction(action); as plugin) { <cp-icon class="chat-icon" [name]="plugin.entry.value.icon" /> } @else if (asChatAction(action); as own) { <svg [chatIcon]="own.icon"></svg> }{{ nameOf(action) | translate }}
          </label>
        </li>
      }
    </ol>
    <div class="foot">
      <button type="button" class="btn btn-ghost btn-sm" data-testid="chat-quick-reset" [disabled]="quick.isDefault()" (click)="quick.reset()">
        {{ 'chat.quick.reset' | translate }}
      </button>
    </div>
  `,
})
export class QuickbarSettings {
  protected readonly quick = inject(QuickActions);
  protected readonly asChatAction = asChatAction;
  protected readonly asPluginAction = asPluginAction;
  private readonly lang = inject(I18nService).current;

  /** The chat's translation key, or a plugin's label as it ships it (the translate pipe passes it through). */
  protected nameOf(action: QuickAction): string {
    const plugin = asPluginAction(action);
    return plugin ? plugin.entry.value.label[this.lang()] : (asChatAction(action)?.name ?? action.id);
  }
  private readonly injector = inject(Injector);

  /**
   * Keeps focus on the moved action's arrow (its row may be re-inserted, which drops focus), so
   * pressing it again moves it on; at the end of the bar, on its other arrow.
   */
  protected move(id: QuickActionId, by: -1 | 1, event: Event): void {
    const list = (event.currentTarget as HTMLElement).closest('ol');
    this.quick.move(id, by);
    const [same, other] = by < 0 ? ['left', 'right'] : ['right', 'left'];
    afterNextRender(
      () => {
        const arrow = (side: string) => list?.querySelector<HTMLElement>(`[data-testid="chat-quick-${side}-${id}"]:not(:disabled)`);
        (arrow(same) ?? arrow(other))?.focus();
      },
      { injector: this.injector },
    );
  }
}
