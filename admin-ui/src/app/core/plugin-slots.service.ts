import { type EnvironmentInjector, Injectable, type InjectionToken, type Signal, computed, signal } from '@angular/core';

/** One plugin's entry in a slot, with the injector its component or callback belongs to. */
export interface SlotEntry<T> {
  readonly pluginId: string;
  readonly injector: EnvironmentInjector;
  readonly value: T;
}

/**
 * What the running plugins put into the slots (plugin-api/slots.ts). PluginBackgrounds tells it
 * which plugins run, each with its injector (holding its `slots` providers); a slot's entries are
 * those of exactly these plugins, so they follow the account's enabled plugins live. Root-provided:
 * a host rendered without the shell (a spec of the chat alone) simply sees empty slots.
 */
@Injectable({ providedIn: 'root' })
export class PluginSlots {
  private readonly running = signal<ReadonlyMap<string, EnvironmentInjector>>(new Map());
  private readonly cache = new Map<InjectionToken<readonly unknown[]>, Signal<readonly SlotEntry<unknown>[]>>();

  /** The plugins that run now, by id, in the registry's order. */
  setRunning(running: ReadonlyMap<string, EnvironmentInjector>): void {
    this.running.set(running);
  }

  of<T>(token: InjectionToken<readonly T[]>): Signal<readonly SlotEntry<T>[]> {
    let entries = this.cache.get(token);
    if (!entries) {
      entries = computed(() =>
        [...this.running()].flatMap(([pluginId, injector]) =>
          // `self`: only what this plugin provides, not an entry its parent injectors might hold.
          injector.get(token, [], { self: true, optional: true }).map((value) => ({ pluginId, injector, value })),
        ),
      );
      this.cache.set(token, entries);
    }
    return entries as Signal<readonly SlotEntry<T>[]>;
  }
}
