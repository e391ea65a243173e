import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../paths.js';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from '../realtime/socket-limits.js';
import { ALLOWED_HOST_ENTRY } from '../sites/design-page-fetch.js';

/**
 * Every environment variable the core reads, validated once at start. A bad value stops start-up
 * with a message naming the variable; nothing else reads process.env.
 */
const secret = (name: string) =>
  z.string({ error: `${name} is required` }).min(32, `${name} must be at least 32 characters`);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  FILES_STORE: z.enum(['local'], { error: 'FILES_STORE must be "local" (the only store so far)' }).default('local'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  SQLITE_FILE: z.string().optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  CMS_URL: z.url().default('http://127.0.0.1:1337'),
  CMS_API_TOKEN: z.string({ error: 'CMS_API_TOKEN is required' }).min(16, 'CMS_API_TOKEN is too short'),
  CORE_WEBHOOK_SECRET: secret('CORE_WEBHOOK_SECRET'),
  CMS_RESYNC_SECONDS: z.coerce.number().int().min(1).default(30),
  CORE_JWT_SECRET: secret('CORE_JWT_SECRET'),
  VISITOR_TOKEN_SECRET: secret('VISITOR_TOKEN_SECRET'),
  CORE_SECRETS_KEY: secret('CORE_SECRETS_KEY'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Callpy <no-reply@callpy.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PLUGINS_CONFIG: z.string().optional(),
  PLUGIN_DIRS: z.string().optional(),
  ADMIN_UI_DIR: z.string().optional(),
  WIDGET_DIR: z.string().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  SOCKET_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(DEFAULT_SOCKET_LIMITS.connectionsPerAddress),
  /**
   * Tests only, unset everywhere else: the core's clock becomes movable through
   * `POST /internal/test-clock` with this token, from a loopback address (kernel/test-clock.ts).
   */
  TEST_CLOCK_TOKEN: z.string().min(32, 'TEST_CLOCK_TOKEN must be at least 32 characters').optional(),
  PREVIEW_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((h) => h.trim()).filter(Boolean))
    .refine((hosts) => hosts.every((h) => ALLOWED_HOST_ENTRY.test(h)), 'PREVIEW_ALLOWED_HOSTS must list host or host:port entries, comma-separated'),
});

export type Env = z.infer<typeof envSchema>;

export interface CoreConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };
  /** Several core processes: socket.io rooms, rate limits and content changes shared through Redis. */
  redisUrl?: string | undefined;
  cms: { url: string; apiToken: string; webhookSecret: string; resyncSeconds: number };
  /** `sealing` encrypts plugins' integration tokens at rest (ctx.secrets). */
  secrets: { jwt: string; visitor: string; sealing: string };
  mail: { smtpUrl: string | undefined; from: string; folder: string };
  /** Where plugins' `ctx.files` are kept: `local` is a folder of this machine. */
  files: { store: 'local'; folder: string };
  logLevel: Env['LOG_LEVEL'];
  pluginsConfigPath: string | undefined;
  /** Extra folders holding plugin folders (third-party plugins), besides plugins/ and integrations/. */
  pluginDirs: string[];
  adminUiDir: string;
  widgetDir: string;
  shutdownTimeoutMs: number;
  /** Transport limits of socket connections; unset fields take DEFAULT_SOCKET_LIMITS. */
  socketLimits?: Partial<SocketLimits> | undefined;
  /**
   * Hosts (`host` or `host:port`) whose pages "preview over my site" may load although they are on
   * a loopback or private address — the demo site, a staging server; every other host must be public.
   */
  previewAllowedHosts: string[];
  /** End-to-end tests only: the token of the movable clock's route; unset, the clock is the system's and there is no route. */
  testClockToken?: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}


export function loadConfig(source: NodeJS.ProcessEnv = process.env): CoreConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL }
      : { engine: 'sqlite', file: path.resolve(e.SQLITE_FILE ?? path.join(dataDir, 'callpy.db')) },
    redisUrl: e.REDIS_URL,
    cms: {
      url: e.CMS_URL.replace(/\/$/, ''),
      apiToken: e.CMS_API_TOKEN,
      webhookSecret: e.CORE_WEBHOOK_SECRET,
      resyncSeconds: e.CMS_RESYNC_SECONDS,
    },
    secrets: { jwt: e.CORE_JWT_SECRET, visitor: e.VISITOR_TOKEN_SECRET, sealing: e.CORE_SECRETS_KEY },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, folder: path.join(dataDir, 'mail') },
    files: { store: e.FILES_STORE, folder: path.join(dataDir, 'files') },
    logLevel: e.LOG_LEVEL,
    pluginsConfigPath: e.PLUGINS_CONFIG ? path.resolve(e.PLUGINS_CONFIG) : undefined,
    pluginDirs: (e.PLUGIN_DIRS ?? '').split(path.delimiter).filter(Boolean).map((d) => path.resolve(d)),
    adminUiDir: path.resolve(e.ADMIN_UI_DIR ?? path.join(repoRoot, 'admin-ui/dist/admin-ui/browser')),
    widgetDir: path.resolve(e.WIDGET_DIR ?? path.join(repoRoot, 'widget/dist')),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    socketLimits: { connectionsPerAddress: e.SOCKET_CONNECTIONS_PER_ADDRESS },
    previewAllowedHosts: e.PREVIEW_ALLOWED_HOSTS,
    testClockToken: e.TEST_CLOCK_TOKEN,
  };
}
