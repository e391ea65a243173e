import type { Request, RequestHandler, Router } from 'express';
import type { Compilable, CompiledQuery, Kysely, Migration, Transaction } from 'kysely';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import type { PluginContent } from '../content/plugin-content.js';
import type { Logger } from '../logging/logger.js';
import type { Mail } from '../mail/mailer.js';
import type { Actor, MemberActor } from './actor.js';
import type { PluginSecrets } from './plugin-secrets.js';
import type { PluginFiles } from './files/files.types.js';
import type { Clock } from './clock.js';
import type { PluginEventLog } from './event-log/event-log.types.js';
import type { CallpyEvents, EventHandler, EventName } from './events.js';
import type { ScopedServices } from './service-registry.js';

export type Localized = { ru: string; en: string };

/**
 * A plugin's settings, stored in the CMS per site and per account (`ctx.settings`), edited in the
 * panel through `/api/plugins/<id>/settings/…`. Each schema must parse `{}` (the defaults: what a
 * site or account reads until an admin saves something); the loader checks that at start.
 */
export interface PluginSettingsSpec<TSite extends z.ZodType = z.ZodType, TAccount extends z.ZodType = z.ZodType> {
  site?: TSite;
  account?: TAccount;
  /**
   * What of a site's value its widgets get with their session (`plugins[].settings`). A method,
   * so a plugin's spec with a typed parameter still fits the untyped one the kernel holds.
   */
  widget?(siteValue: z.output<TSite>): unknown;
  /**
   * Words for the schemas' own messages, in both languages: an issue whose message is a key here
   * is answered in the request's language (a message that is no key is passed on as it is).
   */
  messages?: Record<string, Localized>;
}

type ValueOf<S> = S extends z.ZodType ? z.output<S> : unknown;
export type SiteSettingsOf<S extends PluginSettingsSpec> = ValueOf<S['site']>;
export type AccountSettingsOf<S extends PluginSettingsSpec> = ValueOf<S['account']>;

/** What a plugin folder's `plugin.ts` exports by default. */
export interface PluginManifest<TOptions extends z.ZodType = z.ZodType, TDb = unknown, TSettings extends PluginSettingsSpec = PluginSettingsSpec> {
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
  settings?: TSettings;
  /**
   * Content types of other plugins this one reads (folder names, e.g. `['goal-rule']`); its own,
   * in `plugins/<id>/content-types/`, it reads and writes without listing them. See ctx.content.
   */
  content?: { reads?: readonly string[] };
  setup(ctx: PluginContext<z.output<TOptions>, TDb, TSettings>): Promise<PluginInstance | void> | PluginInstance | void;
}

export interface PluginInstance {
  /** Called in reverse start order on shutdown, after in-flight requests and events finished. */
  stop?(): Promise<void> | void;
}

export function definePlugin<TOptions extends z.ZodType = z.ZodType, TDb = unknown, TSettings extends PluginSettingsSpec = PluginSettingsSpec>(
  manifest: PluginManifest<TOptions, TDb, TSettings>,
): PluginManifest<TOptions, TDb, TSettings> {
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
  /**
   * One write statement with `returning`, and events recorded (as `after.record` does) for the
   * rows it wrote, committed together. For a hot path that would lose its batching in a
   * `transaction`: on SQLite this is one hand-over to the writer thread that shares a group
   * commit with other statements. Resolves with the returned rows once committed and published.
   */
  writeRecorded<R extends object>(query: Compilable<R> | CompiledQuery<R>, record: RowEvents<R>): Promise<R[]>;
}

/** `writeRecorded`'s events: each belongs to the returned row whose `key` column equals its `key`. */
export interface RowEvents<R> {
  key: keyof R & string;
  /** Payload fields only the write knows, taken from each event's row: field → returned column. */
  fill?: Record<string, keyof R & string>;
  events: { [N in EventName]: { key: string; name: N; payload: CallpyEvents[N] } }[EventName][];
}

export type SocketAck = (response: SocketResponse) => void;
export type SocketResponse =
  | { ok: true; data?: unknown }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

export interface PluginRealtime {
  /** `/<id>`: only actors of accounts where the plugin is enabled get in. */
  namespace: Namespace;
  /**
   * Lets this namespace (and no other) accept a token of the plugin's own besides the core's: a
   * grant of one thing to a device that has no session (the calls' hand-over to a phone). A token
   * that is neither a user's nor a visitor's is handed to `resolve`; the member it answers is the
   * socket's actor (from the panel's origin only). Such a socket is put in `user:<id>` alone, not
   * in `account:<id>`: the plugin keeps what it granted on `socket.data` and checks it on every event.
   * Re-check the user in `ctx.content` in `resolve` (blocked, moved, role), as the core does for its tokens.
   */
  acceptTokens(resolve: (token: string, socket: Socket) => Promise<MemberActor | undefined>): void;
  /**
   * Registers a validated event handler on every socket of the namespace. The payload is parsed
   * with `schema`; the plugin's enablement and the sender's rate are checked on every event; the
   * handler's return value is acknowledged as `{ ok: true, data }` after it resolves.
   * `reads: true` marks an event that changes nothing (a list, a history, opening a dialog to
   * read it): only such events reach the handler from a support visit (a read-only actor, issue
   * 15); any other is refused with `read_only` before it.
   */
  on<S extends z.ZodType, K extends ActorKind = 'any'>(
    event: string,
    schema: S,
    handler: (payload: z.output<S>, socket: Socket, actor: ActorOf<K>) => unknown,
    options?: SocketEventOptions<K>,
  ): void;
}

export interface SocketEventOptions<K extends ActorKind = ActorKind> {
  /** Which actors the event is for; `any` unless given. */
  from?: K;
  /** The event only reads: a support visit (read-only) may send it. Unmarked events are writes. */
  reads?: boolean;
}

/** Which actors an event accepts: the same event name may mean different things to each. */
export type ActorKind = 'visitor' | 'user' | 'any';
export type ActorOf<K extends ActorKind> = K extends 'any' ? Actor : Extract<Actor, { kind: K }>;

export interface PluginHttp {
  /** Mounted at `/api/<id>`; every request carries an actor of an account with the plugin enabled. */
  router: Router;
  /** Mounted at `/api/<id>/public` without authentication (webhooks from outside); check inputs. */
  publicRouter: Router;
  /**
   * Mounted at `/api/<id>/agency` for agency staff only (`currentStaff(res.locals)`: their user and
   * agency); an account user's token is refused with 403. Whichever account a route names, check
   * that it is one of the staff member's agency (`content.account(id)?.agency`) and answer 404 if not.
   */
  agencyRouter: Router;
  /**
   * Lets the panel's pages load scripts or frames from another origin (its Content-Security-Policy):
   * an outside service the plugin embeds, e.g. a video-call host. A bare origin, at setup.
   */
  allowSource(directive: 'script-src' | 'frame-src', origin: string): void;
}

export interface PluginEvents {
  publish<N extends EventName>(name: N, payload: CallpyEvents[N]): void;
  subscribe<N extends EventName>(name: N, handler: EventHandler<N>): void;
}

/**
 * `ctx.settings`: the plugin's own settings. Reads are from the content cache and parsed with the
 * plugin's schema (defaults until something is saved; a stored value that no longer parses reads
 * as the defaults, with a warning in the log). Do not mutate what a read returns: it is shared.
 */
export interface PluginSettings<TSite = unknown, TAccount = unknown> {
  site(siteId: string): TSite;
  account(accountId: string): TAccount;
  /** Validates (a 400 naming the bad fields), stores in the CMS, and returns the value as stored. */
  saveSite(siteId: string, value: unknown): Promise<TSite>;
  saveAccount(accountId: string, value: unknown): Promise<TAccount>;
  /**
   * A site's value changed: saved here, in another core process or in the CMS admin. Told in
   * *every* core process (each watches its own content cache), so act on local sockets only.
   */
  onSiteChanged(listener: (change: { accountId: string; siteId: string; value: TSite }) => void): void;
  onAccountChanged(listener: (change: { accountId: string; value: TAccount }) => void): void;
}

/**
 * `ctx.rateLimits`: the core's limiters (shared by every core process through Redis where
 * configured), their names scoped to the plugin. See http/rate-limit.ts.
 */
export interface PluginRateLimits {
  /** `points` per `seconds` for each key; `name` is unique within the plugin. */
  limiter(name: string, points: number, seconds: number): RateLimiterAbstract;
  /** An Express guard: past the budget of the request's key, 429 `rate_limited` with Retry-After. */
  http(name: string, points: number, seconds: number, keyOf: (req: Request) => string): RequestHandler;
  /** Consumes one point of `key`; past the budget throws the 429 `rate_limited` HttpError. */
  consume(limiter: RateLimiterAbstract, key: string): Promise<void>;
}

export interface PluginContext<TOptions = unknown, TDb = unknown, TSettings extends PluginSettingsSpec = PluginSettingsSpec> {
  id: string;
  options: TOptions;
  logger: Logger;
  /** Outgoing mail through the core's transport (SMTP or the mail folder). */
  mail: { send(mail: Mail): Promise<void> };
  /** The address browsers reach the core at (links in mail, attachment URLs). */
  publicUrl: string;
  /** Time for timed jobs: the system clock, or the tests' fake one. */
  clock: Clock;
  http: PluginHttp;
  realtime: PluginRealtime;
  db: PluginDatabase<TDb>;
  /** The core's records read-only, the plugin's own content types, those it declared it reads. */
  content: PluginContent;
  events: PluginEvents;
  eventLog: PluginEventLog;
  services: ScopedServices;
  settings: PluginSettings<SiteSettingsOf<TSettings>, AccountSettingsOf<TSettings>>;
  rateLimits: PluginRateLimits;
  /** Seals outside systems' tokens before they are stored (CMS, own tables); opens them to use. */
  secrets: PluginSecrets;
  /** The plugin's own files (blobs by key): on this machine's disk or a shared store (FILES_STORE). */
  files: PluginFiles;
  isEnabledFor(accountId: string): boolean;
}
