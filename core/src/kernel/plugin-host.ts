import express, { Router, type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { requireStaff } from '../agency/staff.guard.js';
import type { AccessTokens } from '../auth/access-token.js';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { requireActor } from '../auth/auth.guard.js';
import type { ContentStore } from '../content/content-store.js';
import { pluginContent } from '../content/plugin-content.js';
import type { ContentSources } from '../http/content-sources.js';
import { HttpError } from '../http/http-error.js';
import { scopedRateLimits, type RateLimits } from '../http/rate-limit.js';
import type { Logger } from '../logging/logger.js';
import type { Mailer } from '../mail/mailer.js';
import { socketAuth, type OwnTokens, type SocketData } from '../realtime/socket-server.js';
import { migrateOwner } from '../store/migrations.js';
import { isSupport, type Actor } from './actor.js';
import { readOnlyAck } from '../realtime/read-only.js';
import type { Clock } from './clock.js';
import type { EventBus } from './event-bus.js';
import type { EventLog } from './event-log/event-log.js';
import type { InFlight } from './in-flight.js';
import type { FileStore } from './files/files.types.js';
import { KernelError } from './kernel-error.js';
import type { PluginResolution } from './plugin-enablement.js';
import type { ResolvedPlugin } from './plugin-loader.js';
import { ownTablesOnly } from './own-tables.js';
import type { SecretBox } from './plugin-secrets.js';
import { pluginRecordedWrite } from './plugin-recorded-write.js';
import { pluginTransaction } from './plugin-transaction.js';
import type { ActorKind, PluginContext, PluginInstance, PluginRealtime, SocketAck } from './plugin.types.js';
import type { PluginSettingsStore } from './plugin-settings.js';
import type { ServiceRegistry } from './service-registry.js';

export interface PluginHostDeps {
  db: Kysely<unknown>;
  io: Server;
  api: Router;
  /** Makes the per-actor socket event budgets (shared by every core process with Redis). */
  limits: RateLimits;
  /** Checks agency staff's tokens on the plugins' agency routes. */
  accessTokens: AccessTokens;
  /** Notes in a support visit's access-log entry what it read (issue 15). */
  noteRead: (visitId: string, what: string) => void;
  content: ContentStore;
  bus: EventBus;
  eventLog: EventLog;
  services: ServiceRegistry;
  resolver: ActorResolver;
  enablement: PluginResolution;
  inFlight: InFlight;
  logger: Logger;
  panelOrigin: string;
  mailer: Mailer;
  publicUrl: string;
  clock: Clock;
  settings: PluginSettingsStore;
  secrets: SecretBox;
  files: FileStore;
  /** Origins plugins add to the panel's CSP (ctx.http.allowSource). */
  contentSources: ContentSources;
}

interface Started {
  id: string;
  instance: PluginInstance | void;
}

/**
 * Per-actor budget of socket events a namespace accepts each second. Visitors are anonymous and
 * get a tight one (flooding); a signed-in panel fires bursts (loading lists) and gets more.
 */
const SOCKET_EVENTS_PER_SECOND = { visitor: 20, user: 100 } as const;

/**
 * Starts plugins in dependency order, each with a context scoped to it, and stops them in
 * reverse. A plugin disabled for an account answers its routes with 403, refuses its namespace
 * and events; that is decided here, so no plugin can forget it.
 */
export class PluginHost {
  private readonly started: Started[] = [];

  constructor(private readonly deps: PluginHostDeps) {}

  async migrate(plugins: readonly ResolvedPlugin[]): Promise<void> {
    for (const { manifest } of plugins) {
      if (manifest.migrations) await migrateOwner(this.deps.db, manifest.id, manifest.migrations);
    }
  }

  async start(plugins: readonly ResolvedPlugin[]): Promise<void> {
    for (const plugin of plugins) {
      const ctx = this.contextFor(plugin);
      try {
        const instance = await plugin.manifest.setup(ctx);
        this.started.push({ id: plugin.manifest.id, instance });
        this.deps.eventLog.startPlugin(plugin.manifest.id);
        ctx.logger.info('plugin started');
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new KernelError(`Plugin "${plugin.manifest.id}" failed to start: ${reason}`);
      }
    }
  }

  async stop(): Promise<void> {
    for (const { id, instance } of this.started.splice(0).reverse()) {
      try {
        await this.deps.eventLog.stopPlugin(id);
        await instance?.stop?.();
        this.deps.bus.unsubscribeOwner(id);
        this.deps.logger.info({ plugin: id }, 'plugin stopped');
      } catch (err) {
        this.deps.logger.error({ err, plugin: id }, 'plugin failed to stop cleanly');
      }
    }
  }

  private contextFor({ manifest, options, content }: ResolvedPlugin): PluginContext<unknown, unknown> {
    const { id } = manifest;
    const { deps } = this;
    const logger = deps.logger.child({ plugin: id });
    const isEnabledFor = (accountId: string) => deps.enablement.isEnabled(manifest, accountId);

    const router = Router();
    const publicRouter = Router();
    const agencyRouter = Router();
    deps.api.use(`/${id}/public`, express.json({ limit: '256kb' }), publicRouter);
    // Before the account users' router: a staff token there would be refused as no account's.
    deps.api.use(`/${id}/agency`, requireStaff(deps.accessTokens, deps.content), express.json({ limit: '64kb' }), agencyRouter);
    deps.api.use(`/${id}`, requireActor(deps.resolver, 'any'), this.enabledGuard(id, isEnabledFor), express.json({ limit: '256kb' }), router);

    const bus = deps.bus;
    // The plugin's handle on the database reaches its own tables only; the kernel keeps the raw
    // one for the event log it writes inside the plugin's transactions.
    const ownTables = ownTablesOnly(id);
    const db = deps.db.withPlugin(ownTables);
    const transaction = pluginTransaction(id, deps.db, ownTables, bus, deps.eventLog);
    return {
      id,
      options,
      logger,
      mail: { send: (mail) => deps.mailer.send(mail) },
      publicUrl: deps.publicUrl,
      clock: deps.clock,
      http: { router, publicRouter, agencyRouter, allowSource: (directive, origin) => deps.contentSources.add(directive, origin) },
      realtime: this.realtimeFor(id, isEnabledFor, logger),
      db: {
        kysely: db,
        transaction,
        writeRecorded: pluginRecordedWrite(id, deps.db, bus, deps.eventLog),
      },
      content: pluginContent(deps.content, { pluginId: id, ...content }),
      events: {
        publish: (name, payload) => bus.publish(name, payload),
        subscribe: (name, handler) => void bus.subscribe(id, name, handler),
      },
      eventLog: deps.eventLog.forPlugin(id, (name, payload) => transaction(async (_trx, after) => after.record(name, payload))),
      services: deps.services.scopedTo(id, manifest.dependsOn ?? []),
      settings: deps.settings.scopedTo(id),
      secrets: deps.secrets.forPlugin(id),
      files: deps.files.forPlugin(id),
      rateLimits: scopedRateLimits(deps.limits, id),
      isEnabledFor,
    };
  }

  private enabledGuard(id: string, isEnabledFor: (accountId: string) => boolean): RequestHandler {
    return (_req, res, next) => {
      const actor = res.locals.actor;
      if (!actor || !isEnabledFor(actor.accountId)) {
        return next(new HttpError(403, 'plugin_disabled', `The "${id}" feature is not enabled for this account`));
      }
      next();
    };
  }

  private realtimeFor(id: string, isEnabledFor: (accountId: string) => boolean, logger: Logger): PluginRealtime {
    const { deps } = this;
    const namespace = deps.io.of(`/${id}`);
    let ownTokens: OwnTokens | undefined;
    namespace.use(
      socketAuth(
        { resolver: deps.resolver, content: deps.content, panelOrigin: deps.panelOrigin },
        'any',
        (actor) => (isEnabledFor(actor.accountId) ? undefined : 'plugin_disabled'),
        () => ownTokens,
      ),
    );
    const limiters = {
      visitor: deps.limits.limiter(`socket-${id}-visitor`, SOCKET_EVENTS_PER_SECOND.visitor, 1),
      user: deps.limits.limiter(`socket-${id}-user`, SOCKET_EVENTS_PER_SECOND.user, 1),
    };
    const handlers = new Map<string, Partial<Record<ActorKind, Handler>>>();
    namespace.on('connection', (socket) => {
      for (const [event, byKind] of handlers) {
        socket.on(event, (payload: unknown, ack?: unknown) => {
          const reply: SocketAck = typeof ack === 'function' ? (ack as SocketAck) : () => undefined;
          const actor = (socket.data as SocketData).actor;
          const entry = byKind[actor.kind] ?? byKind.any;
          const done = deps.inFlight.begin();
          void this.dispatch(id, isEnabledFor, limiters[actor.kind], logger, event, entry, payload, socket, actor, reply).finally(done);
        });
      }
    });

    return {
      namespace,
      acceptTokens: (resolve) => {
        if (ownTokens) throw new KernelError(`Plugin "${id}" sets its own socket tokens twice`);
        ownTokens = resolve;
      },
      on: (event, schema, handler, options) => {
        const kind = options?.from ?? 'any';
        const byKind = handlers.get(event) ?? {};
        if (byKind[kind]) throw new KernelError(`Plugin "${id}" registers socket event "${event}" for ${kind} twice`);
        byKind[kind] = { schema, handler: handler as Handler['handler'], reads: options?.reads === true };
        handlers.set(event, byKind);
      },
    };
  }

  /** One socket event: enablement, rate, payload schema, then the handler; always one reply. */
  private async dispatch(
    pluginId: string,
    isEnabledFor: (accountId: string) => boolean,
    limiter: RateLimiterAbstract,
    logger: Logger,
    event: string,
    entry: Handler | undefined,
    payload: unknown,
    socket: Socket,
    actor: Actor,
    reply: SocketAck,
  ): Promise<void> {
    if (!entry) return reply({ ok: false, error: { code: 'forbidden', message: `"${event}" is not available to you` } });
    if (!isEnabledFor(actor.accountId)) {
      return reply({ ok: false, error: { code: 'plugin_disabled', message: `The "${pluginId}" feature is not enabled for this account` } });
    }
    // A support visit reads (issue 15): only the events the plugin marked `reads` reach a handler.
    if (isSupport(actor)) {
      if (!entry.reads) return reply(readOnlyAck);
      this.deps.noteRead(actor.visitId, `/${pluginId} ${event}`);
    }
    try {
      await limiter.consume(actor.kind === 'user' ? `u:${actor.userId}` : `v:${actor.visitorId}`);
    } catch {
      return reply({ ok: false, error: { code: 'rate_limited', message: 'Too many events; slow down' } });
    }
    const parsed = entry.schema.safeParse(payload);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
      return reply({ ok: false, error: { code: 'validation_failed', message } });
    }
    try {
      reply({ ok: true, data: (await entry.handler(parsed.data, socket, actor)) ?? null });
    } catch (err) {
      if (err instanceof HttpError) return reply({ ok: false, error: { code: err.code, message: err.message } });
      logger.error({ err, event }, 'socket event failed');
      reply({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side; try again' } });
    }
  }
}

interface Handler {
  schema: z.ZodType;
  reads: boolean;
  handler: (payload: unknown, socket: Socket, actor: Actor) => unknown;
}
