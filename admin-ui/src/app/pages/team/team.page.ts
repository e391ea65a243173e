import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type OnInit,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { errorKey, toApiError } from '../../core/api-error';
import type { Role, TeamMember } from '../../core/api.types';
import { AuthService } from '../../core/auth.service';
import { ReadOnlyNote } from '../../shared/read-only-note';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadError } from '../../shared/load-error';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { memberName } from '../../shared/member-name';
import { Icon } from '../../shared/icon';
import { ToastService } from '../../shared/toast.service';
import { TeamService } from './team.service';

@Component({
  selector: 'cp-team-page',
  imports: [ReactiveFormsModule, TranslatePipe, ConfirmDialog, ErrorAlert, FieldError, Icon, LoadError, ReadOnlyNote],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './team.page.html',
  styleUrl: './team.page.css',
})
export class TeamPage implements OnInit {
  private readonly api = inject(TeamService);
  private readonly auth = inject(AuthService);
  /** A support visit (issue 15) looks, and invites nobody. */
  protected readonly readOnly = this.auth.isSupport;
  private readonly toasts = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly members = signal<TeamMember[] | null>(null);
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly me = computed(() => this.auth.user()?.id);
  protected readonly counts = computed(() => {
    const list = this.members() ?? [];
    return { total: list.length, active: list.filter((m) => m.status === 'active').length };
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    firstName: ['', Validators.maxLength(100)],
    lastName: ['', Validators.maxLength(100)],
    role: ['operator' as Role, Validators.required],
  });
  protected readonly inviting = signal(false);
  protected readonly inviteError = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  /** The member waiting for the disconnect confirmation. */
  protected readonly confirming = signal<TeamMember | null>(null);
  private readonly confirmDialog = viewChild.required(ConfirmDialog);
  protected readonly memberName = memberName;

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.members.set(null);
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => this.members.set(list),
        error: (err: unknown) => this.loadError.set(errorText(toApiError(err))),
      });
  }

  protected initials(member: TeamMember): string {
    const letters = (member.firstName[0] ?? '') + (member.lastName[0] ?? '');
    return letters || (member.email[0] ?? '?');
  }

  protected canDisconnect(member: TeamMember): boolean {
    return member.status !== 'disconnected' && member.id !== this.me();
  }

  invite(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.inviting()) return;
    const { email, firstName, lastName, role } = this.form.getRawValue();
    this.inviting.set(true);
    this.inviteError.set(null);
    this.fieldErrors.set({});
    this.api
      .invite({
        email: email.trim(),
        role,
        ...(firstName.trim() ? { firstName: firstName.trim() } : {}),
        ...(lastName.trim() ? { lastName: lastName.trim() } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (member) => {
          this.inviting.set(false);
          this.members.update((list) => [...(list ?? []).filter((m) => m.id !== member.id), member]);
          this.form.reset({ email: '', firstName: '', lastName: '', role: 'operator' });
          this.toasts.show('success', 'team.invite.sent', { email: member.email });
        },
        error: (err: unknown) => {
          this.inviting.set(false);
          const e = toApiError(err);
          // 409: the address already belongs to a member; show it at the e-mail field.
          const fields = e.status === 409 && !e.fields['email'] ? { ...e.fields, email: errorKey(e) } : e.fields;
          this.fieldErrors.set(fields);
          const placed = ['email', 'firstName', 'lastName', 'role'];
          if (!Object.keys(fields).length || Object.keys(fields).some((k) => !placed.includes(k))) this.inviteError.set(errorText(e));
        },
      });
  }

  protected clearFieldError(field: string): void {
    const current = this.fieldErrors();
    if (!(field in current)) return;
    this.fieldErrors.set(Object.fromEntries(Object.entries(current).filter(([k]) => k !== field)));
  }

  /**
   * Another role from the member's row. A refusal (the last admin stepping down) puts the
   * select back and says why in the user's language.
   */
  changeRole(member: TeamMember, select: HTMLSelectElement): void {
    const role = select.value as Role;
    this.api
      .changeRole(member.id, role)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.replace(updated);
          this.toasts.show('success', updated.role === 'admin' ? 'team.role.madeAdmin' : 'team.role.madeOperator', { name: memberName(updated) });
          // One's own role: the panel's navigation follows with the refreshed session (auth.changed).
        },
        error: (err: unknown) => {
          select.value = member.role;
          this.toasts.show('error', toApiError(err).code === 'last_admin' ? 'team.role.lastAdmin' : 'errors.generic');
        },
      });
  }

  reconnect(member: TeamMember): void {
    this.api
      .reconnect(member.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.replace(updated);
          this.toasts.show('success', 'team.reconnect.done', { name: memberName(updated) });
        },
        error: () => this.toasts.show('error', 'errors.generic'),
      });
  }

  private replace(member: TeamMember): void {
    this.members.update((list) => (list ?? []).map((m) => (m.id === member.id ? member : m)));
  }

  askDisconnect(member: TeamMember): void {
    this.confirming.set(member);
    this.confirmDialog().ask(
      () => this.api.disconnect(member.id),
      () => {
        this.members.update((list) => (list ?? []).map((m) => (m.id === member.id ? { ...m, status: 'disconnected' } : m)));
        this.toasts.show('success', 'team.disconnect.done', { name: memberName(member) });
      },
    );
  }
}
