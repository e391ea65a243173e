import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Goal, GoalHitDto, GoalsSiteSettings } from '../shared/goals.protocol';

/** The goals plugin's REST: its per-site settings (core's plugin settings routes) and the hits. */
@Injectable()
export class GoalsApi {
  private readonly http = inject(HttpClient);

  private settingsUrl(siteId: string): string {
    return `/api/plugins/goals/settings/sites/${encodeURIComponent(siteId)}`;
  }

  async goals(siteId: string): Promise<Goal[]> {
    const { value } = await firstValueFrom(this.http.get<{ value: GoalsSiteSettings }>(this.settingsUrl(siteId)));
    return value.goals ?? [];
  }

  /** Rejects with the server's 400 (`error.fields` like `goals.0.selector`) when a goal is refused. */
  async saveGoals(siteId: string, goals: Goal[]): Promise<Goal[]> {
    const { value } = await firstValueFrom(this.http.put<{ value: GoalsSiteSettings }>(this.settingsUrl(siteId), { value: { goals } }));
    return value.goals ?? [];
  }

  async hitsSince(since: string): Promise<GoalHitDto[]> {
    return (await firstValueFrom(this.http.get<{ hits: GoalHitDto[] }>('/api/goals/hits', { params: { since } }))).hits;
  }

  async hitsOf(visitorIds: readonly string[]): Promise<GoalHitDto[]> {
    return (await firstValueFrom(this.http.get<{ hits: GoalHitDto[] }>('/api/goals/hits', { params: { visitorIds: visitorIds.join(',') } }))).hits;
  }
}
