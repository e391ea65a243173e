import type { z } from 'zod';
import type { ContentStore } from '../content/content-store.js';
import type { Locale, PluginSettingRecord } from '../content/content.types.js';
import { HttpError } from '../http/http-error.js';
import type { Logger } from '../logging/logger.js';
import type { PluginManifest, PluginSettings, PluginSettingsSpec } from './plugin.types.js';

export type SettingsScope = 'site' | 'account';

/** The site's or account's value changed; `ownerId` is the site's or the account's id. */
type Listener = (change: { accountId: string; ownerId: string; value: unknown }) => void;

interface Registered {
  spec: PluginSettingsSpec;
  defaults: Partial<Record<SettingsScope, unknown>>;
  listeners: Record<SettingsScope, Set<Listener>>;
}

/**
 * Every plugin's `ctx.settings` (issue 10 item 5): one `plugin-setting` record in the CMS per
 * plugin and site (or account), read from the content cache, written like the widget design
 * (sites/design.service.ts): through the CMS, applied to this process's cache at once, and passed
 * to the other core processes as a first-hand change (realtime/redis-cluster.ts).
 *
 * Announcing: every process watches its own cache — its own save, another process's, an edit in
 * the CMS admin all reach it there — and tells the plugin's listeners when a value differs from
 * the last one it saw, so each process's listeners hear of a change once.
 */
export class PluginSettingsStore {
  private readonly plugins = new Map<string, Registered>();
  /** Parsed values by record, reused while the cache holds the same record object. */
  private readonly parsed = new WeakMap<PluginSettingRecord, unknown>();
  /** Last raw value seen per `pluginId|scope|ownerId`, and whose it was. */
  private readonly seen = new Map<string, { raw: string; accountId: string }>();
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly content: ContentStore,
    private readonly logger: Logger,
  ) {}

  /** Called for every installed plugin before any starts; the loader checked its schemas parse `{}`. */
  register(manifest: Pick<PluginManifest, 'id' | 'settings'>): void {
    const spec = manifest.settings ?? {};
    const defaults: Registered['defaults'] = {};
    for (const scope of ['site', 'account'] as const) {
      const schema = spec[scope];
      if (schema) defaults[scope] = schema.parse({});
    }
    this.plugins.set(manifest.id, { spec, defaults, listeners: { site: new Set(), account: new Set() } });
  }

  /** Starts announcing changes; the values as they are now are the baseline. */
  watch(): void {
    this.compare(false);
    this.content.onChange(() => this.compare(true));
  }

  /** The plugin declares settings of this scope (a schema), so they can be read and written. */
  declares(pluginId: string, scope: SettingsScope): boolean {
    return Boolean(this.plugins.get(pluginId)?.spec[scope]);
  }

  read(pluginId: string, scope: SettingsScope, ownerId: string): unknown {
    const plugin = this.registered(pluginId, scope);
    const record = this.content.pluginSetting(pluginId, scope, ownerId);
    if (!record) return plugin.defaults[scope];
    if (this.parsed.has(record)) return this.parsed.get(record);
    const result = plugin.spec[scope]!.safeParse(record.value ?? {});
    if (!result.success) {
      // An edit in the CMS admin, or a value saved before the schema changed: the site keeps working.
      this.logger.warn({ plugin: pluginId, scope, ownerId, record: record.documentId, issues: result.error.issues.slice(0, 5) }, 'stored plugin settings do not fit the schema; using the defaults');
    }
    const value = result.success ? result.data : plugin.defaults[scope];
    this.parsed.set(record, value);
    return value;
  }

  /** What the widget session hands the plugin's chunk for this site (undefined: nothing). */
  widgetPart(pluginId: string, siteId: string): unknown {
    const plugin = this.plugins.get(pluginId);
    if (!plugin?.spec.widget || !plugin.spec.site) return undefined;
    return plugin.spec.widget(this.read(pluginId, 'site', siteId));
  }

  /** Parses a value to be saved, or throws a 400 whose field messages are in `locale`. */
  parse(pluginId: string, scope: SettingsScope, value: unknown, locale: Locale): unknown {
    const { spec } = this.registered(pluginId, scope);
    const result = spec[scope]!.safeParse(value);
    if (!result.success) throw settingsValidationError(result.error, spec.messages ?? {}, locale);
    return result.data;
  }

  /** Writes a parsed value for a site or an account of `accountId`; one write at a time per key. */
  write(pluginId: string, scope: SettingsScope, ownerId: string, accountId: string, value: unknown): Promise<unknown> {
    const key = `${pluginId}|${scope}|${ownerId}`;
    const work = async () => {
      const record = this.content.pluginSetting(pluginId, scope, ownerId);
      const collection = this.content.client.pluginSettings;
      const saved = record
        ? await collection.update(record.documentId, { value })
        : await collection.create({ pluginId, scope, account: accountId, site: scope === 'site' ? ownerId : null, value });
      // Strapi answers a write with relations unpopulated; we know what we set.
      this.content.upsertLocal('pluginSettings', { ...saved, pluginId, scope, account: accountId, site: scope === 'site' ? ownerId : null, value });
      return this.read(pluginId, scope, ownerId);
    };
    const run = (this.writes.get(key) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    this.writes.set(key, settled);
    void settled.then(() => this.writes.get(key) === settled && this.writes.delete(key));
    return run;
  }

  /** `ctx.settings` of one plugin. */
  scopedTo(pluginId: string): PluginSettings {
    const accountOfSite = (siteId: string) => {
      const accountId = this.content.site(siteId)?.account;
      if (!accountId) throw new HttpError(404, 'not_found', 'No such site');
      return accountId;
    };
    const listen = (scope: SettingsScope, listener: Listener) => void this.registered(pluginId, scope).listeners[scope].add(listener);
    return {
      site: (siteId) => this.read(pluginId, 'site', siteId),
      account: (accountId) => this.read(pluginId, 'account', accountId),
      saveSite: async (siteId, value) => this.write(pluginId, 'site', siteId, accountOfSite(siteId), this.parse(pluginId, 'site', value, 'en')),
      saveAccount: async (accountId, value) => this.write(pluginId, 'account', accountId, accountId, this.parse(pluginId, 'account', value, 'en')),
      onSiteChanged: (fn) => listen('site', ({ accountId, ownerId, value }) => fn({ accountId, siteId: ownerId, value })),
      onAccountChanged: (fn) => listen('account', ({ accountId, value }) => fn({ accountId, value })),
    };
  }

  private registered(pluginId: string, scope: SettingsScope): Registered {
    const plugin = this.plugins.get(pluginId);
    if (!plugin?.spec[scope]) throw new Error(`Plugin "${pluginId}" declares no ${scope} settings (manifest.settings.${scope})`);
    return plugin;
  }

  private compare(announce: boolean): void {
    const present = new Set<string>();
    for (const record of this.content.pluginSettings()) {
      if (!this.declares(record.pluginId, record.scope)) continue;
      const ownerId = (record.scope === 'site' ? record.site : record.account)!;
      const key = `${record.pluginId}|${record.scope}|${ownerId}`;
      const raw = JSON.stringify(record.value ?? null);
      present.add(key);
      const before = this.seen.get(key);
      this.seen.set(key, { raw, accountId: record.account! });
      if (announce && before?.raw !== raw) this.tell(record.pluginId, record.scope, ownerId, record.account!);
    }
    for (const [key, { accountId }] of this.seen) {
      if (present.has(key)) continue;
      this.seen.delete(key);
      const [pluginId, scope, ownerId] = key.split('|') as [string, SettingsScope, string];
      // A record removed in the CMS: its owner reads the defaults again (a deleted site tells no one).
      if (announce && (scope === 'account' || this.content.site(ownerId))) this.tell(pluginId, scope, ownerId, accountId);
    }
  }

  private tell(pluginId: string, scope: SettingsScope, ownerId: string, accountId: string): void {
    const listeners = this.plugins.get(pluginId)!.listeners[scope];
    if (!listeners.size) return;
    const value = this.read(pluginId, scope, ownerId);
    for (const listener of listeners) {
      try {
        listener({ accountId, ownerId, value });
      } catch (err) {
        this.logger.error({ err, plugin: pluginId, scope }, 'a settings listener failed');
      }
    }
  }
}

const INVALID = { ru: 'Недопустимое значение', en: 'Invalid value' } as const;
const SUMMARY = { ru: 'Проверьте поля', en: 'Invalid settings' } as const;

/**
 * A 400 naming each bad field by its dotted path (`goals.0.selector`), worded in `locale`: a
 * schema message that is a key of the plugin's `messages` is translated; zod's own English words
 * stand in English and as a generic text in Russian.
 */
export function settingsValidationError(error: z.ZodError, messages: Record<string, { ru: string; en: string }>, locale: Locale): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'value';
    const words = messages[issue.message];
    fields[key] ??= words ? words[locale] : locale === 'ru' ? INVALID.ru : issue.message;
  }
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return new HttpError(400, 'validation_failed', `${SUMMARY[locale]} — ${summary}`, fields);
}
