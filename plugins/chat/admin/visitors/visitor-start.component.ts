import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorAlert, type ErrorText } from '../../../../admin-ui/src/app/plugin-api';
import type { VisitorDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatSync } from '../background/chat-sync.service';
import { InitialsPipe } from '../ui/format';

/** The middle column for a visitor picked in the Visitors tab: C5, write first. */
@Component({
  selector: 'cp-visitor-start',
  imports: [TranslatePipe, ChatIcon, ErrorAlert, InitialsPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { flex: 1; display: flex; flex-direction: column; min-height: 0; }
    .top { display: flex; align-items: center; gap: .5rem; padding: .625rem .75rem; }
    .icon-btn { all: unset; display: none; place-items: center; width: 2rem; height: 2rem; border-radius: 8px; cursor: pointer; color: var(--gray-600); font-size: 1.125rem; }
    .icon-btn:hover { background: var(--gray-100); }
    .icon-btn.card-toggle { margin-left: auto; }
    .body { flex: 1; display: grid; place-content: center; justify-items: center; gap: .625rem; padding: 2rem; text-align: center; }
    .avatar { width: 4rem; height: 4rem; font-size: 1.25rem; }
    h2 { font-size: 1.125rem; }
    p { margin: 0; max-width: 24rem; color: var(--gray-500); font-size: .875rem; }
    .btn { margin-top: .5rem; }
    cp-error-alert { width: min(24rem, 100%); }
    @container chat (max-width: 1000px) { .icon-btn.card-toggle { display: inline-grid; } }
    @container chat (max-width: 680px) { .icon-btn.back { display: inline-grid; } }
  `,
  template: `
    <div class="top">
      <button type="button" class="icon-btn back" [attr.aria-label]="'chat.back' | translate" (click)="back.emit()"><svg chatIcon="back"></svg></button>
      <button type="button" class="icon-btn card-toggle" [attr.aria-label]="'chat.card.title' | translate" (click)="toggleCard.emit()"><svg chatIcon="panel"></svg></button>
    </div>
    <div class="body">
      <span class="avatar" aria-hidden="true">{{ visitor().name | initials }}</span>
      <h2>{{ visitor().name }}</h2>
      <p>{{ (visitor().blocked ? 'chat.start.blocked' : visitor().activity === 'left' ? 'chat.start.left' : 'chat.start.text') | translate }}</p>
      <cp-error-alert [error]="error()" testId="chat-start-error" />
      @if (!visitor().blocked) {
        <button type="button" class="btn btn-primary" data-testid="chat-start" [disabled]="starting()" (click)="start()">
          <svg chatIcon="chat"></svg>{{ 'chat.visitors.start' | translate }}
        </button>
      }
    </div>
  `,
})
export class VisitorStart {
  private readonly sync = inject(ChatSync);
  readonly visitor = input.required<VisitorDto>();
  readonly back = output<void>();
  readonly toggleCard = output<void>();
  protected readonly starting = signal(false);
  protected readonly error = signal<ErrorText | null>(null);

  protected async start(): Promise<void> {
    this.starting.set(true);
    this.error.set(null);
    try {
      await this.sync.startDialog(this.visitor().id);
    } catch (err) {
      this.error.set(chatErrorText(err));
    } finally {
      this.starting.set(false);
    }
  }
}
