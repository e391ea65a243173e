import { ChangeDetectionStrategy, Component, type OnInit, inject, input, output, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorAlert, type ErrorText, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import type { DialogDto, VisitorDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { DialogCommands } from './dialog-commands.service';

/** C16: e-mail the conversation to an address (the visitor's, if known). */
@Component({
  selector: 'cp-transcript-panel',
  imports: [TranslatePipe, ChatIcon, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; width: 20rem; padding: 1rem; }
    h3 { margin: 0 0 .25rem; font-size: .9375rem; }
    p { margin: 0 0 .75rem; font-size: .8125rem; color: var(--gray-500); }
    form { display: grid; gap: .625rem; }
    .input { min-height: 2.375rem; font-size: .875rem; }
    cp-error-alert ::ng-deep .alert { margin: 0; }
  `,
  template: `
    <h3>{{ 'chat.transcript.title' | translate }}</h3>
    <p>{{ 'chat.transcript.text' | translate }}</p>
    <form novalidate (submit)="$event.preventDefault(); send()">
      <label class="sr-only" for="transcript-email">{{ 'fields.email' | translate }}</label>
      <input id="transcript-email" class="input" type="email" name="email" data-testid="chat-transcript-email" autocomplete="email" required
        [placeholder]="'chat.transcript.placeholder' | translate" [value]="email()" (input)="email.set(box.value)" #box [class.has-error]="!!error()" />
      <cp-error-alert [error]="error()" testId="chat-transcript-error" />
      <button type="submit" class="btn btn-primary btn-sm" data-testid="chat-transcript-send" [disabled]="sending()">
        @if (sending()) { <span class="spinner" aria-hidden="true"></span> } @else { <svg chatIcon="send"></svg> }
        {{ 'chat.transcript.send' | translate }}
      </button>
    </form>
  `,
})
export class TranscriptPanel implements OnInit {
  private readonly commands = inject(DialogCommands);
  private readonly toasts = inject(ToastService);
  readonly dialog = input.required<DialogDto>();
  readonly visitor = input.required<VisitorDto>();
  readonly done = output<void>();
  protected readonly email = signal('');
  protected readonly sending = signal(false);
  protected readonly error = signal<ErrorText | null>(null);

  ngOnInit(): void {
    this.email.set(this.visitor().email);
  }

  protected async send(): Promise<void> {
    const email = this.email().trim();
    if (!email) {
      this.error.set({ key: 'validation.required' });
      return;
    }
    this.sending.set(true);
    this.error.set(null);
    try {
      await this.commands.sendTranscript(this.dialog(), email);
      this.toasts.show('success', 'chat.toast.transcriptSent', { email });
      this.done.emit();
    } catch (err) {
      this.error.set(chatErrorText(err));
    } finally {
      this.sending.set(false);
    }
  }
}
