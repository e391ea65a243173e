import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService, PluginSlot, PluginSlots, ToastService, VISITOR_LIST_BADGES } from '../../../../admin-ui/src/app/plugin-api';
import type { VisitorDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { ChatSync } from '../background/chat-sync.service';
import { InitialsPipe, currentVisit, duration, timeOnSite } from '../ui/format';
import { DeviceLabel } from './device-label.component';

const ACTIVITY_ORDER = { active: 0, hidden: 1, left: 2 } as const;

/**
 * C3: who is on the sites now — page, activity (on the page / tab hidden / left), device, location,
 * time on site, pages seen — new (not engaged) visitors first; C5: start a dialog with any of them.
 * Other plugins' marks (VISITOR_LIST_BADGES, e.g. the goals reached) stand beside the meta line.
 */
@Component({
  selector: 'cp-visitor-list',
  imports: [TranslatePipe, ChatIcon, InitialsPipe, DeviceLabel, PluginSlot],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './visitor-list.component.css',
  template: `
    @if (sync.visitorsError(); as err) {
      <div class="state error" role="alert">
        <p>{{ err.key ?? 'errors.generic' | translate }}</p>
        <button type="button" class="btn btn-secondary btn-sm" (click)="sync.loadVisitors()">{{ 'common.retry' | translate }}</button>
      </div>
    } @else if (store.visitors()) {
      <p class="summary">{{ 'chat.visitors.summary' | translate: { online: online(), fresh: store.newVisitors() } }}</p>
      @if (sorted().length) {
        <ul [attr.aria-label]="'chat.tabs.visitors' | translate">
          @for (visitor of sorted(); track visitor.id) {
            <li class="item" data-testid="chat-visitor-item" [attr.data-visitor-id]="visitor.id" [attr.data-activity]="visitor.activity"
              [class.selected]="store.cardVisitor()?.id === visitor.id" [class.fresh]="!visitor.engaged && visitor.activity !== 'left'">
              <button type="button" class="main" (click)="sync.selectVisitor(visitor.id)">
                <span class="avatar" aria-hidden="true">{{ visitor.name | initials }}<span class="presence"></span></span>
                <span class="body">
                  <span class="top">
                    <span class="name">{{ visitor.name }}</span>
                    <span class="time" [title]="'chat.visitors.timeOnSite' | translate">{{ stay(visitor) }}</span>
                  </span>
                  <span class="where" [title]="visitor.page?.url ?? ''">{{ visitor.page?.title || visitor.page?.url || ('chat.visitors.noPage' | translate) }}</span>
                  <span class="meta">
                    <span class="state-label">{{ 'chat.activity.' + visitor.activity | translate }}</span>
                    <cp-device-label [visitor]="visitor" compact />
                    @if (visitor.location) { <span><svg chatIcon="pin"></svg>{{ visitor.location }}</span> }
                    <span>{{ 'chat.visitors.pages' | translate: { count: pagesSeen(visitor) } }}</span>
                    @if (visitor.chatOpen) { <span class="chat-open"><svg chatIcon="chat"></svg>{{ 'chat.visitors.chatOpen' | translate }}</span> }
                    @for (badge of badges(); track badge.pluginId + ':' + badge.value.id) {
                      <span class="plugin-badge"><cp-plugin-slot [entry]="badge" [inputs]="{ visitorId: visitor.id }" /></span>
                    }
                  </span>
                </span>
              </button>
              @if (visitor.activity !== 'left' && !visitor.blocked) {
                <button type="button" class="start" data-testid="chat-visitor-start" [disabled]="starting() === visitor.id"
                  [title]="'chat.visitors.start' | translate" [attr.aria-label]="'chat.visitors.startFor' | translate: { name: visitor.name }" (click)="start(visitor)">
                  <svg chatIcon="chat"></svg>
                </button>
              }
            </li>
          }
        </ul>
      } @else {
        <div class="state"><svg chatIcon="users"></svg><p>{{ 'chat.visitors.empty' | translate }}</p></div>
      }
    } @else {
      <div class="state" aria-busy="true"><span class="spinner" aria-hidden="true"></span></div>
    }
  `,
})
export class VisitorList {
  protected readonly store = inject(ChatStore);
  protected readonly sync = inject(ChatSync);
  private readonly toasts = inject(ToastService);
  private readonly lang = inject(I18nService).current;
  protected readonly badges = inject(PluginSlots).of(VISITOR_LIST_BADGES);
  protected readonly starting = signal<string | null>(null);

  protected readonly sorted = computed(() =>
    [...(this.store.visitors() ?? [])].sort(
      (a, b) =>
        ACTIVITY_ORDER[a.activity] - ACTIVITY_ORDER[b.activity] ||
        Number(a.engaged) - Number(b.engaged) ||
        b.lastSeenAt.localeCompare(a.lastSeenAt),
    ),
  );
  protected readonly online = computed(() => (this.store.visitors() ?? []).filter((v) => v.activity !== 'left').length);

  protected stay(visitor: VisitorDto): string {
    return duration(timeOnSite(visitor, this.store.now()), this.lang());
  }

  protected pagesSeen(visitor: VisitorDto): number {
    return currentVisit(visitor).length;
  }

  protected async start(visitor: VisitorDto): Promise<void> {
    this.starting.set(visitor.id);
    try {
      await this.sync.startDialog(visitor.id);
    } catch (err) {
      const text = chatErrorText(err);
      this.toasts.show('error', text.key ?? 'errors.generic');
    } finally {
      this.starting.set(null);
    }
  }
}
