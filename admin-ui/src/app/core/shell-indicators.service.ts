import { Injectable, computed, signal } from '@angular/core';

/** How a status reads at a glance: green, amber, grey. */
export type IndicatorTone = 'on' | 'away' | 'off';

/** A plugin's word on the operator's state (e.g. the chat's «В сети»), shown on Home. */
export interface StatusIndicator {
  /** Translation key of the status itself. */
  readonly labelKey: string;
  readonly tone: IndicatorTone;
}

interface SourceState {
  unread: number;
  status: StatusIndicator | null;
}

/**
 * What plugins' background parts tell the shell, by source (a plugin id): how many things wait
 * unread (the tab title shows the sum) and a status for Home. The core knows no plugin by name;
 * a source that stops calls `clear`.
 */
@Injectable({ providedIn: 'root' })
export class ShellIndicators {
  private readonly sources = signal<ReadonlyMap<string, SourceState>>(new Map());

  readonly unread = computed(() => [...this.sources().values()].reduce((sum, s) => sum + s.unread, 0));
  readonly statuses = computed(() => [...this.sources()].flatMap(([source, s]) => (s.status ? [{ source, ...s.status }] : [])));

  /** One source's count (a plugin's navigation badge). */
  unreadOf(source: string): number {
    return this.sources().get(source)?.unread ?? 0;
  }

  setUnread(source: string, unread: number): void {
    this.update(source, { unread: Math.max(0, unread) });
  }

  setStatus(source: string, status: StatusIndicator | null): void {
    this.update(source, { status });
  }

  clear(source: string): void {
    this.sources.update((sources) => {
      if (!sources.has(source)) return sources;
      const next = new Map(sources);
      next.delete(source);
      return next;
    });
  }

  /** `update`, not a read and a set: sources call this from effects, which must not depend on what they write. */
  private update(source: string, change: Partial<SourceState>): void {
    this.sources.update((sources) => new Map(sources).set(source, { unread: 0, status: null, ...sources.get(source), ...change }));
  }
}
