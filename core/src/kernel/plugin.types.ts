import type { Router } from 'express';
import type { Kysely, Migration, Transaction } from 'kysely';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import type { ContentStore } from '../content/content-store.js';
import type { Logger } from '../logging/logger.js';
import type { Mail } from '../mail/mailer.js';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import type { PluginEventLog } from './event-log/event-log.types.js';
import type { CallpyEvents, EventHandler, EventName } from './events.js';
import type { ScopedServices } from './service-registry.js';

export type Localized = { ru: string; en: string };

/** What a plugin folder's `plugin.ts` exports by default. */
export interface PluginManifest<TOptions extends z.ZodType = z.ZodType, TDb = unknown> {
  /** Lower-case id; equals the folder name, prefixes the plugin's tables, routes and events. */
  id: string;
  title: Localized;
  dependsOn?: readonly string[];
  /** Options from plugins.config.ts are parsed with this schema before anything starts. */
  options?: TOptions;
  /** Whether an account without an explicit enablement record in the CMS gets the plugin. */
  enabledByDefault?: boolean;
  /** Plugin-owned migrations, run in name order; tables must be prefixed with `<id>_`. */
  migrations?: Record<string, Migration>;
  setup(ctx: PluginContext<z.output<TOptions>, TDb>): Promise<PluginInstance | void> | PluginInstance | void;
}

export interface PluginInstance {
  /** Called in reverse start order on shutdown, after in-flight requests and events finished. */
  stop?(): Promise<void> | void;
}

export function definePlugin<TOptions extends z.ZodType = z.ZodType, TDb = unknown>(
  manifest: PluginManifest<TOptions, TDb>,
): PluginManifest<TOptions, TDb> {
  return manifest;
}

/** Events queued inside a transaction; handed to the bus only after COMMIT. */
export interface AfterCommit {
  publish<N extends EventName>(name: N, payload: CallpyEvents[N]): void;
  /**
   * Like `publish`, and also appends the event to the durable log (`ctx.eventLog`) inside this
   * transaction: a rollback loses it together with the change. Only the plugin's own events.
   */
  record<N extends EventName>(name: N, payload: CallpyEvents[N]): void;
}

export interface PluginDatabase<TDb> {
  kysely: Kysely<TDb>;
  transaction<T>(work: (trx: Transaction<TDb>, after: AfterCommit) => Promise<T>): Promise<T>;
}

export type SocketAck = (response: SocketResponse) => void;
export type SocketResponse =
  | { ok: true; data?: unknown }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

export interface PluginRealtime {
  /** `/<id>`: only actors of accounts where the plugin is enabled get in. */
  namespace: Namespace;
  /**
   * Registers a validated event handler on every socket of the namespace. The payload is parsed
   * with `schema`; the plugin's enablement and the sender's rate are checked on every event; the
   * handler's return value is acknowledged as `{ ok: true, data }` after it resolves.
   */
  on<S extends z.ZodType, K extends ActorKind = 'any'>(
    event: string,
    schema: S,
    handler: (payload: z.output<S>, socket: Socket, actor: ActorOf<K>) => unknown,
    options?: { from?: K },
  ): void;
}

/** Which actors an event accepts: the same event name may mean different things to each. */
export type ActorKind = 'visitor' | 'user' | 'any';
export type ActorOf<K extends ActorKind> = K extends 'any' ? Actor : Extract<Actor, { kind: K }>;

export interface PluginHttp {
  /** Mounted at `/api/<id>`; every request carries an actor of an account with the plugin enabled. */
  router: Router;
  /** Mounted at `/api/<id>/public` without authentication (webhooks from outside); check inputs. */
  publicRouter: Router;
}

export interface PluginEvents {
  publish<N extends EventName>(name: N, payload: CallpyEvents[N]): void;
  subscribe<N extends EventName>(name: N, handler: EventHandler<N>): void;
}

export interface PluginContext<TOptions = unknown, TDb = unknown> {
  id: string;
  options: TOptions;
  logger: Logger;
  /** Outgoing mail through the core's transport (SMTP or the mail folder). */
  mail: { send(mail: Mail): Promise<void> };
  /** The address browsers reach the core at (links in mail, attachment URLs). */
  publicUrl: string;
  /** Time for timed jobs (schedules): the system clock, or the tests' fake one. */
  clock: Clock;
  http: PluginHttp;
  realtime: PluginRealtime;
  db: PluginDatabase<TDb>;
  content: ContentStore;
  events: PluginEvents;
  eventLog: PluginEventLog;
  services: ScopedServices;
  isEnabledFor(accountId: string): boolean;
}
