import { ChangeDetectionStrategy, Component, type ElementRef, computed, effect, inject, input, output, signal, untracked, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService, ErrorAlert, type ErrorText, I18nService, PluginSlot, PluginSlots, ReadOnlyNote, ToastService, VISITOR_CARD_SECTIONS } from '../../../../admin-ui/src/app/plugin-api';
import type { DialogDto, LeadClass, VisitorDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { DeviceLabel } from './device-label.component';
import { DialogCommands, type VisitorChanges } from '../dialogs/dialog-commands.service';
import { ClockTimePipe, FullStampPipe, InitialsPipe, currentVisit, duration, timeOnSite } from '../ui/format';

type Field = 'name' | 'phone' | 'email' | 'notes';
const FIELDS: readonly Field[] = ['name', 'phone', 'email', 'notes'];
const LEAD_CLASSES: readonly Exclude<LeadClass, null>[] = ['target', 'non-target', 'spam'];

/**
 * C4: the visitor card — what the operator may edit (name, phone, e-mail, notes; C13 rename) and what
 * was collected (page, pages visited with times, device, location, first visit); C18: the lead class
 * of the open dialog. Below, the sections the account's other plugins add (VISITOR_CARD_SECTIONS).
 */
@Component({
  selector: 'cp-visitor-card',
  imports: [TranslatePipe, ChatIcon, ErrorAlert, ReadOnlyNote, DeviceLabel, InitialsPipe, ClockTimePipe, FullStampPipe, PluginSlot],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './visitor-card.component.css',
  templateUrl: './visitor-card.component.html',
})
export class VisitorCard {
  protected readonly store = inject(ChatStore);
  private readonly commands = inject(DialogCommands);
  private readonly toasts = inject(ToastService);
  protected readonly lang = inject(I18nService).current;
  protected readonly sections = inject(PluginSlots).of(VISITOR_CARD_SECTIONS);
  /** A support visit (issue 15) reads the card; the server refuses visitor.update and dialog.classify. */
  protected readonly readOnly = inject(AuthService).isSupport;
  readonly visitor = input.required<VisitorDto>();
  readonly dialog = input<DialogDto | null>(null);
  readonly closeCard = output<void>();

  protected readonly fields = FIELDS;
  protected readonly leadClasses = LEAD_CLASSES;
  protected readonly form = signal<Record<Field, string>>({ name: '', phone: '', email: '', notes: '' });
  protected readonly saving = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly classifying = signal(false);
  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('name');

  protected readonly changes = computed<VisitorChanges>(() => {
    const visitor = this.visitor();
    const form = this.form();
    return Object.fromEntries(FIELDS.filter((f) => form[f].trim() !== visitor[f]).map((f) => [f, form[f].trim()]));
  });
  protected readonly dirty = computed(() => Object.keys(this.changes()).length > 0);
  protected readonly pages = computed(() => [...currentVisit(this.visitor())].reverse());
  protected readonly stay = computed(() => duration(timeOnSite(this.visitor(), this.store.now()), this.lang()));
  protected readonly source = computed(() => currentVisit(this.visitor())[0]?.referrer ?? '');

  private shownVisitor: string | null = null;
  /** Rename requests made before this card existed are not for it. */
  private renamesSeen = this.store.renameRequests();

  constructor() {
    // Another visitor: start from their data. The same one changed elsewhere: take it unless edited here.
    effect(() => {
      const visitor = this.visitor();
      untracked(() => {
        if (visitor.id !== this.shownVisitor || !this.dirty()) this.reset(visitor);
        this.shownVisitor = visitor.id;
      });
    });
    // The toolbar's "Rename" lands here.
    effect(() => {
      const requests = this.store.renameRequests();
      if (requests === this.renamesSeen) return;
      this.renamesSeen = requests;
      untracked(() =>
        setTimeout(() => {
          const input = this.nameInput()?.nativeElement;
          input?.focus();
          input?.select();
        }),
      );
    });
  }

  protected set(field: Field, value: string): void {
    this.form.update((f) => ({ ...f, [field]: value }));
    this.error.set(null);
  }

  protected async save(): Promise<void> {
    const changes = this.changes();
    if (!this.dirty() || this.saving() || this.readOnly()) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      const saved = await this.commands.updateVisitor(this.visitor(), changes);
      this.reset(saved);
      this.toasts.show('success', 'chat.toast.visitorSaved');
    } catch (err) {
      this.error.set(chatErrorText(err));
    } finally {
      this.saving.set(false);
    }
  }

  protected async classify(value: string): Promise<void> {
    const dialog = this.dialog();
    if (!dialog) return;
    this.classifying.set(true);
    try {
      await this.commands.classify(dialog, LEAD_CLASSES.find((c) => c === value) ?? null);
    } catch (err) {
      const text = chatErrorText(err);
      this.toasts.show('error', text.key ?? 'errors.generic');
    } finally {
      this.classifying.set(false);
    }
  }

  private reset(visitor: VisitorDto): void {
    this.form.set({ name: visitor.name, phone: visitor.phone, email: visitor.email, notes: visitor.notes });
  }
}
