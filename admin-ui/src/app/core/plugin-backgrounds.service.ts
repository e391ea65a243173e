import { DestroyRef, EnvironmentInjector, Injectable, createEnvironmentInjector, inject, runInInjectionContext } from '@angular/core';
import { PLUGIN_BACKGROUNDS } from './plugin-pages';

/**
 * Runs the background parts of the account's enabled plugins (PluginBackground) for as long as the
 * shell lives: the shell provides this service, so signing out — the shell goes — stops them all,
 * and a plugin that leaves the account's list is stopped at once. Nothing runs for a plugin the
 * account does not have.
 */
@Injectable()
export class PluginBackgrounds {
  private readonly parent = inject(EnvironmentInjector);
  private readonly running = new Map<string, Promise<EnvironmentInjector | null>>();
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

  /** Runs the backgrounds of exactly these plugins (the ones enabled for the account). */
  runOnly(ids: readonly string[]): void {
    if (this.ended) return;
    for (const id of [...this.running.keys()]) if (!ids.includes(id)) this.stop(id);
    for (const id of ids) if (!this.running.has(id)) this.running.set(id, this.start(id));
    this.resolveListed();
  }

  /**
   * The injector a plugin's page is created under: its running background's; null when the plugin
   * has no background part or is not enabled for the account.
   */
  async injectorFor(id: string): Promise<EnvironmentInjector | null> {
    await this.listed;
    return (await this.running.get(id)) ?? null;
  }

  private async start(id: string): Promise<EnvironmentInjector | null> {
    const loader = PLUGIN_BACKGROUNDS[id];
    if (!loader) return null;
    const background = await loader();
    const injector = createEnvironmentInjector(background.providers, this.parent, `plugin-background:${id}`);
    runInInjectionContext(injector, background.start);
    return injector;
  }

  /** A background stopped while its code was still loading is destroyed as soon as it exists. */
  private stop(id: string): void {
    const run = this.running.get(id);
    this.running.delete(id);
    void run?.then((injector) => injector?.destroy());
  }
}
