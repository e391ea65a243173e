import { Injectable, signal } from '@angular/core';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  /** Translation key */
  key: string;
  params?: Record<string, unknown>;
}

/** Short-lived confirmations ("Invitation sent"), announced through an aria-live region. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private nextId = 1;
  private readonly items = signal<readonly Toast[]>([]);
  readonly toasts = this.items.asReadonly();

  /** The same message again (saving twice in a row) replaces the one shown: its time starts anew, no stack of copies. */
  show(kind: Toast['kind'], key: string, params?: Record<string, unknown>, ttlMs = 4500): void {
    const toast: Toast = { id: this.nextId++, kind, key, ...(params ? { params } : {}) };
    const same = (t: Toast) => t.kind === kind && t.key === key && JSON.stringify(t.params) === JSON.stringify(toast.params);
    this.items.update((list) => [...list.filter((t) => !same(t)).slice(-2), toast]);
    setTimeout(() => this.dismiss(toast.id), ttlMs);
  }

  dismiss(id: number): void {
    this.items.update((list) => list.filter((t) => t.id !== id));
  }
}
