import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { PluginInfo } from './api.types';

/**
 * Plugins enabled for the account (GET /api/plugins). The shell lists them in the navigation and
 * runs their panel parts (the registry generated from plugins.config.ts, plugin-registry.ts).
 */
@Injectable({ providedIn: 'root' })
export class PluginsService {
  private readonly http = inject(HttpClient);
  private readonly list = signal<readonly PluginInfo[]>([]);
  readonly plugins = this.list.asReadonly();
  /** Whether the list has been read this session: before that, an empty list means "not yet". */
  readonly loaded = signal(false);
  private pending: Promise<readonly PluginInfo[]> | undefined;

  async load(): Promise<readonly PluginInfo[]> {
    try {
      const plugins = await firstValueFrom(this.http.get<PluginInfo[]>('/api/plugins'));
      this.list.set(plugins);
    } catch {
      // The shell works without plugins; a failing list only hides their navigation items.
      this.list.set([]);
    }
    this.loaded.set(true);
    return this.list();
  }

  /** The list as read this session, reading it once if nobody has yet (guards and the shell share that read). */
  ready(): Promise<readonly PluginInfo[]> {
    if (this.loaded()) return Promise.resolve(this.list());
    return (this.pending ??= this.load().finally(() => (this.pending = undefined)));
  }

  clear(): void {
    this.list.set([]);
    this.loaded.set(false);
  }
}
