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

  show(kind: Toast['kind'], key: string, params?: Record<string, unknown>, ttlMs = 4500): void {
    const toast: Toast = { id: this.nextId++, kind, key, ...(params ? { params } : {}) };
    this.items.update((list) => [...list.slice(-2), toast]);
    setTimeout(() => this.dismiss(toast.id), ttlMs);
  }

  dismiss(id: number): void {
    this.items.update((list) => list.filter((t) => t.id !== id));
  }
}
