import { DestroyRef, EnvironmentInjector, Injectable, type Provider, createEnvironmentInjector, inject, runInInjectionContext } from '@angular/core';
import type { PanelPluginManifest } from '../plugin-api/define';
import { PANEL_PLUGIN_REGISTRY } from './plugin-registry';
import { PluginSlots } from './plugin-slots.service';
import { ShellIndicators } from './shell-indicators.service';

/**
 * Runs the panel parts of the account's enabled plugins for as long as the shell lives: for each,
 * one injector holding its background's providers and its slot providers, its background's `start`
 * run in it. The shell provides this service, so signing out — the shell goes — stops them all,
 * and a plugin that leaves the account's list is stopped at once (its slot entries vanish with
 * it). Nothing runs for a plugin the account does not have.
 */
@Injectable()
export class PluginBackgrounds {
  private readonly parent = inject(EnvironmentInjector);
  private readonly registry = inject(PANEL_PLUGIN_REGISTRY);
  private readonly slots = inject(PluginSlots);
  private readonly indicators = inject(ShellIndicators);
  private readonly running = new Map<string, Promise<EnvironmentInjector | null>>();
  /** The started ones, for the slots; a plugin appears once its code has loaded. */
  private readonly started = new Map<string, EnvironmentInjector>();
  /** Which start of a plugin is the current one: one stopped and started again while loading starts once. */
  private readonly generation = new Map<string, number>();
  private resolveListed!: () => void;
  /** Settles once the account's plugins are known: before that, a page cannot tell "none" from "not yet". */
  private readonly listed = new Promise<void>((resolve) => (this.resolveListed = resolve));
  private ended = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.ended = true;
      for (const id of [...this.running.keys()]) this.stop(id);
    });
  }

  /** Runs exactly these plugins (the ones enabled for the account). */
  runOnly(ids: readonly string[]): void {
    if (this.ended) return;
    for (const id of [...this.running.keys()]) if (!ids.includes(id)) this.stop(id);
    for (const id of ids) {
      if (this.running.has(id)) continue;
      const generation = (this.generation.get(id) ?? 0) + 1;
      this.generation.set(id, generation);
      this.running.set(id, this.start(id, generation));
    }
    this.resolveListed();
  }

  /**
   * The injector a plugin's page is created under: its running one; null when the plugin has
   * neither background nor slots, or is not enabled for the account.
   */
  async injectorFor(id: string): Promise<EnvironmentInjector | null> {
    await this.listed;
    return (await this.running.get(id)) ?? null;
  }

  private async start(id: string, generation: number): Promise<EnvironmentInjector | null> {
    const manifest = this.registry.find((m) => m.id === id);
    if (!manifest?.background && !manifest?.slots) return null;
    const [background, slotProviders] = await Promise.all([manifest.background?.(), manifest.slots?.() ?? ([] as Provider[])]);
    // Switched off (or signed out, or off and on again) while its code loaded: this start never runs.
    if (this.ended || this.generation.get(id) !== generation) return null;
    const injector = createEnvironmentInjector([...(background?.providers ?? []), ...slotProviders], this.parent, `plugin:${id}`);
    if (background) runInInjectionContext(injector, background.start);
    this.started.set(id, injector);
    this.publish();
    return injector;
  }

  /** A plugin stopped while its code was still loading is destroyed as soon as it exists. */
  private stop(id: string): void {
    const run = this.running.get(id);
    this.running.delete(id);
    this.generation.set(id, (this.generation.get(id) ?? 0) + 1);
    if (this.started.delete(id)) this.publish();
    // What it told the shell (unread count, status; source = its id) goes with it, whatever it does on
    // destroy — unless it was switched on again meanwhile, and the new start speaks for it now.
    void run?.then((injector) => {
      injector?.destroy();
      if (!this.running.has(id)) this.indicators.clear(id);
    });
  }

  private publish(): void {
    const order = (id: string) => this.registry.findIndex((m) => m.id === id);
    this.slots.setRunning(new Map([...this.started].sort(([a], [b]) => order(a) - order(b))));
  }

  /** The manifest of a plugin of the registry, if it has a panel part. */
  manifest(id: string): PanelPluginManifest | undefined {
    return this.registry.find((m) => m.id === id);
  }
}
