import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { I18nService, PanelNotifications, RealtimeService } from '../../../admin-ui/src/app/plugin-api';
import type { GoalHitDto } from '../shared/goals.protocol';
import { GoalsApi } from './goals-api.service';

/** The notification kind (C20) the goals plugin registers, with its own switch. */
export const GOALS_NOTIFY_KIND = 'goals';
/** On start, hits of the last day: the visitors an operator may still see. */
const START_WINDOW_MS = 24 * 60 * 60 * 1000;
/** What the store keeps per visitor (the server's own cap for one visitor's list). */
const PER_VISITOR = 50;

/**
 * The goals reached by the account's visitors, as the panel knows them: the recent ones on start
 * (`GET /api/goals/hits?since=`, again after every reconnect from the newest one known), each new
 * one live (`goal.reached` on `/goals`, over the shell's connection), and a visitor's older ones when
 * their card asks. A new hit also notifies the operator (kind «Цели», switchable). One per session,
 * in the plugin's background: the list badges and the card read it on any page.
 */
@Injectable()
export class GoalHits {
  private readonly api = inject(GoalsApi);
  private readonly realtime = inject(RealtimeService);
  private readonly notifications = inject(PanelNotifications);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly byVisitor = signal<ReadonlyMap<string, readonly GoalHitDto[]>>(new Map());
  private readonly asked = new Set<string>();
  private newest: string | null = null;

  /** A visitor's hits, newest first. */
  of(visitorId: string): readonly GoalHitDto[] {
    return this.byVisitor().get(visitorId) ?? [];
  }

  start(): void {
    const socket = this.realtime.namespace('/goals');
    socket.on('connect', () => void this.catchUp());
    socket.on('goal.reached', (hit: GoalHitDto) => {
      if (this.add([hit])) this.notify(hit);
    });
    this.destroyRef.onDestroy(() => socket.removeAllListeners().disconnect());
  }

  /** The card of a visitor: their hits beyond the recent ones, once per visitor and session. */
  async loadVisitor(visitorId: string): Promise<void> {
    if (this.asked.has(visitorId)) return;
    this.asked.add(visitorId);
    try {
      this.add(await this.api.hitsOf([visitorId]));
    } catch {
      this.asked.delete(visitorId);
    }
  }

  /** After a (re)connect: what was reached while the panel did not listen. A failure waits for the next connect. */
  private async catchUp(): Promise<void> {
    const since = this.newest ?? new Date(Date.now() - START_WINDOW_MS).toISOString();
    try {
      this.add(await this.api.hitsSince(since));
    } catch {
      /* the badges keep what they have */
    }
  }

  /** Merges hits in (each once, by id); whether any was new. */
  private add(hits: readonly GoalHitDto[]): boolean {
    let added = false;
    const next = new Map(this.byVisitor());
    for (const hit of hits) {
      const list = next.get(hit.visitorId) ?? [];
      if (list.some((h) => h.id === hit.id)) continue;
      added = true;
      next.set(hit.visitorId, [...list, hit].sort((a, b) => b.at.localeCompare(a.at)).slice(0, PER_VISITOR));
      if (!this.newest || hit.at > this.newest) this.newest = hit.at;
    }
    if (added) this.byVisitor.set(next);
    return added;
  }

  private notify(hit: GoalHitDto): void {
    this.notifications.notify(GOALS_NOTIFY_KIND, this.i18n.instant('goals.notify.title', { name: hit.goalName }), hit.url);
  }
}
