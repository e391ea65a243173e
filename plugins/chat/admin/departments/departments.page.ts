import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, type OnInit, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { forkJoin } from 'rxjs';
import { ConfirmDialog, ErrorAlert, errorKey, errorText, type ErrorText, FieldError, Icon, LoadError, memberName, notBlank, type TeamMember, TeamService, toApiError, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import { registerChatStrings } from '../ui/chat-i18n';
import { type Department, DepartmentsService } from './departments.service';

const byName = (a: Department, b: Department) => a.name.localeCompare(b.name);

/** A5: the account's departments — name and member operators — which chat routing uses. */
@Component({
  selector: 'cp-departments-page',
  imports: [ReactiveFormsModule, TranslatePipe, ConfirmDialog, ErrorAlert, FieldError, Icon, LoadError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './departments.page.html',
  styleUrl: './departments.page.css',
})
export class DepartmentsPage implements OnInit {
  private readonly api = inject(DepartmentsService);
  private readonly team = inject(TeamService);
  private readonly toasts = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    // Reached at its own address (not under /p/chat): its words may arrive before the chat's background adds them.
    registerChatStrings();
  }

  protected readonly departments = signal<Department[] | null>(null);
  /** People who can be members: everyone not disconnected. */
  protected readonly people = signal<TeamMember[]>([]);
  protected readonly loadError = signal<ErrorText | null>(null);
  private readonly peopleById = computed(() => new Map(this.people().map((p) => [p.id, p])));

  /** The department being edited in the form; null while the form creates a new one. */
  protected readonly editing = signal<Department | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(100)]],
    memberIds: [[] as number[]],
  });
  protected readonly saving = signal(false);
  protected readonly formError = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  private readonly formCard = viewChild.required<ElementRef<HTMLElement>>('formCard');

  /** The department the delete confirmation is about. */
  protected readonly confirming = signal<Department | null>(null);
  private readonly confirmDialog = viewChild.required(ConfirmDialog);
  protected readonly memberName = memberName;

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.departments.set(null);
    forkJoin([this.api.list(), this.team.list()])
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ([departments, team]) => {
          this.people.set(team.filter((m) => m.status !== 'disconnected'));
          this.departments.set([...departments].sort(byName));
        },
        error: (err: unknown) => this.loadError.set(errorText(toApiError(err))),
      });
  }

  /** Members as people, in the list's order; ids of people no longer in the team are left out. */
  protected membersOf(department: Department): TeamMember[] {
    return department.memberIds.flatMap((id) => this.peopleById().get(id) ?? []);
  }

  protected initials(member: TeamMember): string {
    return ((member.firstName[0] ?? '') + (member.lastName[0] ?? '') || (member.email[0] ?? '?')).toUpperCase();
  }

  /** Chosen people of those listed: a disconnected member stays in the department but is not offered. */
  protected chosenCount(): number {
    return this.form.controls.memberIds.value.filter((id) => this.peopleById().has(id)).length;
  }

  protected isMember(id: number): boolean {
    return this.form.controls.memberIds.value.includes(id);
  }

  protected toggleMember(id: number, checked: boolean): void {
    const ids = this.form.controls.memberIds.value.filter((m) => m !== id);
    this.form.controls.memberIds.setValue(checked ? [...ids, id] : ids);
    this.clearFieldError('memberIds');
  }

  edit(department: Department): void {
    this.editing.set(department);
    this.form.reset({ name: department.name, memberIds: [...department.memberIds] });
    this.formError.set(null);
    this.fieldErrors.set({});
    // Wide screens keep the form beside the list; on narrow ones it may be out of sight: bring it in.
    const card = this.formCard().nativeElement;
    const top = card.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 120) card.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  cancelEdit(): void {
    this.editing.set(null);
    this.form.reset({ name: '', memberIds: [] });
    this.formError.set(null);
    this.fieldErrors.set({});
  }

  save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    const input = { name: this.form.controls.name.value.trim(), memberIds: this.form.controls.memberIds.value };
    const editing = this.editing();
    this.saving.set(true);
    this.formError.set(null);
    this.fieldErrors.set({});
    (editing ? this.api.update(editing.id, input) : this.api.create(input)).pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.departments.update((list) => [...(list ?? []).filter((d) => d.id !== saved.id), saved].sort(byName));
        this.toasts.show('success', editing ? 'chat.departments.updated' : 'chat.departments.created', { name: saved.name });
        this.cancelEdit();
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        // 409: the name is taken in the account; show it at the name field.
        const fields = e.status === 409 && !e.fields['name'] ? { ...e.fields, name: errorKey(e) } : e.fields;
        this.fieldErrors.set(fields);
        if (!Object.keys(fields).length || Object.keys(fields).some((k) => k !== 'name' && k !== 'memberIds')) this.formError.set(errorText(e));
      },
    });
  }

  protected clearFieldError(field: string): void {
    const { [field]: _removed, ...rest } = this.fieldErrors();
    void _removed;
    this.fieldErrors.set(rest);
  }

  askDelete(department: Department): void {
    this.confirming.set(department);
    this.confirmDialog().ask(
      () => this.api.remove(department.id),
      () => {
        this.departments.update((list) => (list ?? []).filter((d) => d.id !== department.id));
        if (this.editing()?.id === department.id) this.cancelEdit();
        this.toasts.show('success', 'chat.departments.deleted', { name: department.name });
      },
    );
  }
}
