import http from 'node:http';
import { SecretBox } from './kernel/plugin-secrets.js';
import { createFileStore } from './kernel/files/file-store.js';
import path from 'node:path';
import cors from 'cors';
import express from 'express';
import type { Kysely } from 'kysely';
import type { Server } from 'socket.io';
import { clientsRoutes } from './agency/clients.routes.js';
import { requireStaff } from './agency/staff.guard.js';
import { ClientsService } from './agency/clients.service.js';
import { accessLogRoutes, supportRoutes } from './agency/support.routes.js';
import { SupportVisits } from './agency/support.service.js';
import { createAccessTokens } from './auth/access-token.js';
import { ActionTokens } from './auth/action-tokens.js';
import { ActorResolver } from './auth/actor-resolver.js';
import { readOnlySupport } from './auth/auth.guard.js';
import { authRoutes } from './auth/auth.routes.js';
import { AuthService } from './auth/auth.service.js';
import { meRoutes } from './auth/me.routes.js';
import { SessionStore } from './auth/session-store.js';
import type { CoreConfig } from './config/env.js';
import { ContentStoreClient } from './content/content-store.client.js';
import { ContentStore } from './content/content-store.js';
import { MediaFiles } from './content/media-files.js';
import { webhookRoutes } from './content/webhook.routes.js';
import { healthRoutes } from './http/health.routes.js';
import { errorHandler, notFound } from './http/http-error.js';
import { RateLimits } from './http/rate-limit.js';
import { requestLog } from './http/request-log.js';
import { ContentSources } from './http/content-sources.js';
import { securityHeaders } from './http/security-headers.js';
import { staticRoutes } from './http/static.routes.js';
import { AccountFigureRegistry, accountFiguresRef } from './kernel/account-figures.js';
import { AccountLimitRegistry, accountLimitsRef } from './kernel/account-limits.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { MovableClock, testClockRoutes } from './kernel/test-clock.js';
import { EventBus } from './kernel/event-bus.js';
import { EventLog } from './kernel/event-log/event-log.js';
import { InFlight } from './kernel/in-flight.js';
import { PluginResolution } from './kernel/plugin-enablement.js';
import { PluginHost } from './kernel/plugin-host.js';
import { PluginSettingsStore } from './kernel/plugin-settings.js';
import { agencyPluginSettingsRoutes, pluginSettingsRoutes } from './kernel/plugin-settings.routes.js';
import { importPluginsConfig, resolvePlugins, type ResolvedPlugin } from './kernel/plugin-loader.js';
import type { PluginsConfig } from './kernel/plugins-config.js';
import { ServiceRegistry } from './kernel/service-registry.js';
import type { Logger } from './logging/logger.js';
import { Mailer } from './mail/mailer.js';
import { codeRoot } from './paths.js';
import { setupPanelNamespace, tellPanelsPluginsChanged } from './realtime/panel-namespace.js';
import { watchPluginEnablements } from './realtime/plugin-enablements.js';
import { setupVisitorNamespace } from './realtime/visitor-namespace.js';
import { joinRedisCluster, type RedisCluster } from './realtime/redis-cluster.js';
import { DEFAULT_SOCKET_LIMITS } from './realtime/socket-limits.js';
import { createSocketServer, dropSiteSockets, dropUserSockets, tellUserPanels } from './realtime/socket-server.js';
import { avatarsRoutes } from './profile/avatars.routes.js';
import { passwordRoutes } from './profile/password.routes.js';
import { AvatarsService } from './profile/avatars.service.js';
import { DesignPreviews } from './sites/design-preview.service.js';
import { designPreviewRoutes } from './sites/design-preview.routes.js';
import { designRoutes } from './sites/design.routes.js';
import { WidgetDesigns } from './sites/design.service.js';
import { announceSiteChanges } from './sites/site-changes.js';
import { siteHoursRef, SiteWorkingHours } from './sites/site-hours.js';
import { sitesRoutes } from './sites/sites.routes.js';
import { SitesService } from './sites/sites.service.js';
import type { CoreTables } from './store/core.schema.js';
import { coreMigrations } from './store/core.schema.js';
import { openDatabase } from './store/database.js';
import { migrateOwner } from './store/migrations.js';
import { invitationRoutes, teamRoutes } from './team/team.routes.js';
import { TeamService } from './team/team.service.js';
import { createVisitorTokens } from './visitors/visitor-token.js';
import { widgetRoutes } from './visitors/widget.routes.js';
import { widgetPluginsOf } from './visitors/widget-plugins.js';

export interface PlatformOptions {
  config: CoreConfig;
  logger: Logger;
  /** Given directly by tests; otherwise read from PLUGINS_CONFIG or plugins.config.ts. */
  pluginsConfig?: PluginsConfig;
  /** How long to wait for the CMS at start. */
  cmsWaitMs?: number;
  /** Time for timed jobs (working-hours edges); tests pass a fake clock. */
  clock?: Clock;
}

export interface Platform {
  readonly url: string;
  readonly server: http.Server;
  readonly io: Server;
  readonly db: Kysely<unknown>;
  readonly content: ContentStore;
  readonly plugins: readonly ResolvedPlugin[];
  stop(): Promise<void>;
}

/** Resolves and validates the plugin configuration; nothing is started by this. */
export async function loadPlugins(options: PlatformOptions): Promise<ResolvedPlugin[]> {
  const file = options.config.pluginsConfigPath ?? path.join(codeRoot, `plugins.config${path.extname(import.meta.filename)}`);
  const pluginsConfig = options.pluginsConfig ?? (await importPluginsConfig(file));
  return resolvePlugins(pluginsConfig, [codeRoot, ...options.config.pluginDirs]);
}

/**
 * Starts the core: plugins are validated first (a bad configuration starts nothing), then the
 * database is migrated, content loaded, routes and plugins set up, and only then the port opens.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { config, logger } = options;
  const plugins = await loadPlugins(options);

  const db = openDatabase<unknown>(config.database);
  const cmsClient = new ContentStoreClient(config.cms.url, config.cms.apiToken);
  const content = new ContentStore(cmsClient, logger.child({ part: 'content' }));
  const mailer = new Mailer(config.mail, logger.child({ part: 'mail' }));
  const bus = new EventBus(logger.child({ part: 'events' }));
  // End-to-end tests move time through a route; anywhere else the clock is the system's (or a test's own).
  const movable = !options.clock && config.testClockToken ? new MovableClock() : undefined;
  const clock = options.clock ?? movable ?? systemClock;
  const inFlight = new InFlight();
  let stopping = false;
  let host: PluginHost | undefined;
  let eventLog: EventLog | undefined;
  let io: Server | undefined;
  let cluster: RedisCluster | undefined;
  let stopWatchingPlugins: (() => void) | undefined;
  const server = http.createServer();

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping: no new connections; finishing requests and events in flight');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = await inFlight.drain(config.shutdownTimeoutMs);
    if (!drained) logger.warn({ inFlight: inFlight.size }, 'shutdown timeout reached with work in flight');
    eventLog?.stopSweeping();
    stopWatchingPlugins?.();
    await host?.stop();
    await bus.drain();
    await io?.close();
    await cluster?.close();
    server.closeAllConnections();
    await closed;
    content.stop();
    mailer.close();
    await db.destroy();
    logger.info('stopped');
  };

  try {
    await migrateOwner(db, 'core', coreMigrations);
    const coreDb = db as Kysely<CoreTables>;
    await content.load(options.cmsWaitMs ?? 60_000);
    content.startResync(config.cms.resyncSeconds);

    const accessTokens = createAccessTokens(config.secrets.jwt);
    const visitorTokens = createVisitorTokens(config.secrets.visitor);
    const resolver = new ActorResolver(accessTokens, visitorTokens, content);
    const sessions = new SessionStore(coreDb);
    const actionTokens = new ActionTokens(coreDb);
    const accountLimits = new AccountLimitRegistry();
    const accountFigures = new AccountFigureRegistry();
    const pluginResolution = new PluginResolution(content, accountLimits);
    pluginResolution.install(plugins.map((p) => p.manifest), config.widgetDir);
    const pluginSettings = new PluginSettingsStore(content, logger.child({ part: 'plugin-settings' }));
    for (const plugin of plugins) pluginSettings.register(plugin.manifest);
    pluginSettings.watch();
    const sites = new SitesService(content, bus, config.publicUrl, (siteId) => io && dropSiteSockets(io, siteId));
    announceSiteChanges(content, bus);
    const services = new ServiceRegistry();
    services.provideCore(siteHoursRef, new SiteWorkingHours(content, logger.child({ part: 'sites' })));
    services.provideCore(accountLimitsRef, accountLimits);
    services.provideCore(accountFiguresRef, accountFigures);
    const media = new MediaFiles(content.client, logger.child({ part: 'media' }));
    const designs = new WidgetDesigns(content, media, bus, config.publicUrl);
    designs.watch();
    const previews = new DesignPreviews(content, config.secrets.jwt, config.publicUrl, config.previewAllowedHosts);
    const panelOrigin = new URL(config.publicUrl).origin;
    const isKnownOrigin = (origin: string) => origin === panelOrigin || content.isSiteOrigin(origin);

    io = createSocketServer(server, isKnownOrigin, { ...DEFAULT_SOCKET_LIMITS, ...config.socketLimits });
    const socketIo = io;
    if (config.redisUrl) cluster = await joinRedisCluster(io, config.redisUrl, content, logger);
    const limits = new RateLimits(cluster?.counters);
    setupPanelNamespace(io, { resolver, content, panelOrigin });
    const widgetParts = { plugins: pluginResolution, pluginSettings, publicUrl: config.publicUrl };
    const visitorNotices = setupVisitorNamespace(io, { resolver, content, panelOrigin, widgetPlugins: (site) => widgetPluginsOf(widgetParts, site) });
    // A7, A9: an account's plugins changed (a switch, a licence): its open panels and open widgets follow.
    stopWatchingPlugins = watchPluginEnablements(
      content,
      (accountId) => pluginResolution.enabledFor(accountId).map((p) => p.id),
      (accountId) => {
        tellPanelsPluginsChanged(socketIo, accountId);
        visitorNotices.pluginsChanged(accountId);
      },
    );
    const auth = new AuthService({ content, sessions, actionTokens, accessTokens, mailer, publicUrl: config.publicUrl });
    const team = new TeamService({
      content,
      auth,
      sessions,
      actionTokens,
      mailer,
      bus,
      publicUrl: config.publicUrl,
      limits: accountLimits,
      dropUserSockets: (userId) => dropUserSockets(socketIo, userId),
      tellUserPanels: (userId) => tellUserPanels(socketIo, userId),
    });

    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback');
    const contentSources = new ContentSources();
    app.use(securityHeaders(config.publicUrl, contentSources));
    app.use((_req, res, next) => {
      if (stopping) {
        res.setHeader('Connection', 'close');
        res.status(503).json({ error: { code: 'stopping', message: 'The server is restarting; try again in a moment' } });
        return;
      }
      const done = inFlight.begin();
      res.on('finish', done);
      res.on('close', done);
      next();
    });
    app.use(healthRoutes(db, content, () => stopping));
    app.use(requestLog(logger.child({ part: 'http' })));
    app.use('/internal', webhookRoutes(content, config.cms.webhookSecret));
    if (movable && config.testClockToken) {
      logger.warn('TEST_CLOCK_TOKEN is set: the clock can be moved through /internal/test-clock (end-to-end tests only, never in production)');
      app.use('/internal/test-clock', testClockRoutes(movable, config.testClockToken));
    }

    const api = express.Router();
    const supportVisits = new SupportVisits({ db: coreDb, content, accessTokens, clock });
    const noteRead = (visitId: string, what: string) =>
      void supportVisits.noteOpened(visitId, what).catch((err: unknown) => logger.warn({ err }, 'support visit: what it opened was not recorded'));
    // First of all: a support visit's writes are refused before any route sees them (issue 15).
    api.use(readOnlySupport(accessTokens, resolver, noteRead));
    api.use('/widget', express.json({ limit: '16kb' }), widgetRoutes({ ...widgetParts, content, visitorTokens, limits, designs }));
    // Plugin routes may be called by the widget from a site's pages: allow those origins.
    api.use(cors({ origin: (origin, cb) => cb(null, Boolean(origin && isKnownOrigin(origin))) }));
    api.use('/auth', express.json({ limit: '16kb' }), authRoutes(auth, limits), invitationRoutes(team, limits));
    api.use('/team', express.json({ limit: '16kb' }), teamRoutes(team, resolver));
    const clients = new ClientsService({ content, sites, team, sessions, plugins: pluginResolution, limits: accountLimits, figures: accountFigures, clock });
    const settingsDeps = { settings: pluginSettings, manifests: plugins.map((p) => p.manifest), enablement: pluginResolution, content };
    // A client's plugin settings for its agency's staff (A7), with the settings' own body limit.
    api.use('/agency', agencyPluginSettingsRoutes({ ...settingsDeps, staff: requireStaff(accessTokens, content) }));
    api.use('/agency', express.json({ limit: '16kb' }), clientsRoutes(clients, accessTokens, content), supportRoutes(supportVisits, accessTokens, content));
    api.use('/account', accessLogRoutes(supportVisits, resolver, content));
    api.use('/sites', express.json({ limit: '32kb' }), designRoutes({ designs, previews, resolver, limits, publicUrl: config.publicUrl }));
    api.use('/sites', express.json({ limit: '16kb' }), sitesRoutes(sites, resolver));
    // Before the catch-all JSON parser below: a plugin's settings (50 goals) may be larger than 16 KB.
    api.use('/plugins', pluginSettingsRoutes({ ...settingsDeps, resolver }));
    api.use(express.json({ limit: '16kb' }), meRoutes({ content, resolver, accessTokens, plugins: pluginResolution, bus, publicUrl: config.publicUrl }));
    const avatars = new AvatarsService(content, media, bus);
    api.use(passwordRoutes({ content, auth, sessions, resolver, limits }));
    api.use(avatarsRoutes({ avatars, content, resolver, limits, publicUrl: config.publicUrl }));
    app.use('/api', api);

    eventLog = new EventLog(coreDb, logger.child({ part: 'event-log' }), clock);
    eventLog.startSweeping();
    host = new PluginHost({ db, io, api, limits, accessTokens, noteRead, content, bus, eventLog, services, resolver, enablement: pluginResolution, inFlight, logger, panelOrigin, mailer, publicUrl: config.publicUrl, clock, settings: pluginSettings, secrets: new SecretBox(config.secrets.sealing), files: createFileStore(config.files), contentSources });
    await host.migrate(plugins);
    await host.start(plugins);

    api.use((_req, _res, next) => next(notFound('No such API endpoint')));
    app.use(designPreviewRoutes(previews, config.publicUrl));
    app.use(staticRoutes(config.widgetDir, config.adminUiDir));
    app.use(errorHandler(logger));
    server.on('request', app);

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, publicUrl: config.publicUrl, plugins: plugins.map((p) => p.manifest.id), database: config.database.engine }, 'core started');
  return { url, server, io, db, content, plugins, stop };
}
