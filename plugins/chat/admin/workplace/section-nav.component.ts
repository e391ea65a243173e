import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { DialogSection } from '../../shared/chat.protocol';
import { ChatIcon, type ChatIconName } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { ChatSync } from '../background/chat-sync.service';
import { SECTIONS } from './sections';

const ICONS: Record<DialogSection, ChatIconName> = { mine: 'chat', common: 'users', archive: 'clock', important: 'flag', blocked: 'ban' };

/** C1/C2: My messages, Common messages, then Archive, Important and Blocked, each with its counter. */
@Component({
  selector: 'cp-section-nav',
  imports: [TranslatePipe, ChatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; padding: 0 .75rem .5rem; border-bottom: 1px solid var(--gray-200); }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 1px; }
    li.sep { height: 1px; margin: .3125rem .5rem; background: var(--gray-200); }
    button { all: unset; box-sizing: border-box; width: 100%; display: flex; align-items: center; gap: .625rem; padding: .375rem .625rem;
      border-radius: 7px; cursor: pointer; font-size: .8438rem; font-weight: 550; color: var(--gray-700); }
    button .chat-icon { color: var(--gray-400); font-size: .9375rem; }
    button:hover { background: var(--gray-100); color: var(--gray-900); }
    button[aria-current='true'] { background: var(--primary-50); color: var(--primary-700); }
    button[aria-current='true'] .chat-icon { color: var(--primary-600); }
    button:focus-visible { outline: 2px solid var(--primary-500); outline-offset: -2px; }
    .txt { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .count { min-width: 1.375rem; padding: 0 .375rem; border-radius: 999px; font-size: .7188rem; font-weight: 700; line-height: 1.25rem; text-align: center;
      color: var(--gray-500); background: var(--gray-200); font-variant-numeric: tabular-nums; }
    .count.hot { background: var(--primary-600); color: #fff; }
    .count.zero { background: transparent; color: var(--gray-400); }
  `,
  template: `
    <nav [attr.aria-label]="'chat.sections.label' | translate">
      <ul>
        @for (section of sections; track section.id; let i = $index) {
          @if (i > 0 && section.group !== sections[i - 1]!.group) {
            <li class="sep" role="presentation"></li>
          }
          <li>
            <button type="button" [attr.data-testid]="'chat-section-' + section.id" [attr.aria-current]="store.section() === section.id"
              (click)="sync.selectSection(section.id)">
              <svg [chatIcon]="icons[section.id]"></svg>
              <span class="txt">{{ section.labelKey | translate }}</span>
              <span class="count" [attr.data-testid]="'chat-count-' + section.id" [class.hot]="hot(section.id)" [class.zero]="!store.counts()[section.id]">
                {{ store.counts()[section.id] }}
              </span>
            </button>
          </li>
        }
      </ul>
    </nav>
  `,
})
export class SectionNav {
  protected readonly store = inject(ChatStore);
  protected readonly sync = inject(ChatSync);
  protected readonly sections = SECTIONS;
  protected readonly icons = ICONS;

  /** Dialogs waiting for this operator stand out. */
  protected hot(section: DialogSection): boolean {
    return section === 'mine' && this.store.counts().mine > 0;
  }
}
