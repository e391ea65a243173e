import { ChangeDetectionStrategy, Component, booleanAttribute, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { VisitorDto } from '../../shared/chat.protocol';
import { ChatIcon } from '../ui/chat-icon';

/** The visitor's device as an icon, with browser and OS ("Chrome · Windows"). */
@Component({
  selector: 'cp-device-label',
  imports: [TranslatePipe, ChatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: inline-flex; align-items: center; gap: .3125rem; min-width: 0; }
    .chat-icon { color: var(--gray-400); }
    span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  `,
  template: `
    <svg [chatIcon]="visitor().device"></svg>
    <span class="sr-only">{{ 'chat.device.' + visitor().device | translate }}</span>
    @if (text()) { <span>{{ text() }}</span> }
  `,
})
export class DeviceLabel {
  readonly visitor = input.required<Pick<VisitorDto, 'device' | 'browser' | 'os'>>();
  /** Browser only (lists); the card shows the OS too. */
  readonly compact = input(false, { transform: booleanAttribute });
  protected readonly text = computed(() => {
    const { browser, os } = this.visitor();
    return (this.compact() ? [browser] : [browser, os]).filter(Boolean).join(' · ');
  });
}
