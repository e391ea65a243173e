import type { Logger } from '../logging/logger.js';
import type { ContentStoreClient } from './content-store.client.js';
import type {
  AccountRecord,
  AgencyRecord,
  ContentRecord,
  ContentSnapshot,
  CoreSnapshot,
  PluginEnablementRecord,
  PluginSettingRecord,
  SiteRecord,
  UserRecord,
  WidgetDesignRecord,
} from './content.types.js';

export interface ContentSyncState {
  /** False until the first snapshot arrived; the core serves nothing before that. */
  loaded: boolean;
  /** True while the last refresh failed: we serve the last good snapshot. */
  stale: boolean;
  lastSyncAt: string | null;
  lastError: string | null;
}

/**
 * A change this process heard of first-hand, as the other core processes get it: a record it
 * wrote or deleted itself (applied there at once, before anything it does next), or the word of
 * the CMS webhook (re-read there).
 */
export type ContentChange =
  | { type: 'upsert'; kind: string; record: ContentRecord }
  | { type: 'remove'; kind: string; documentId: string }
  | { type: 'cms' };

const EMPTY: ContentSnapshot = { agencies: [], accounts: [], sites: [], pluginEnablements: [], widgetDesigns: [], pluginSettings: [], users: [] };

/**
 * Read side of the CMS for the whole core: an in-memory copy of the snapshot — the core's types
 * with indexes, the plugins' types held as they come, by snapshot key (see plugin-content.ts) —
 * refreshed by the CMS webhook and by a periodic re-sync (webhooks are fire-and-forget). While the
 * CMS is down reads keep working from the last copy; the state says so for /readyz and the log.
 */
export class ContentStore {
  private data: ContentSnapshot = EMPTY;
  private sitesByKey = new Map<string, SiteRecord>();
  private usersById = new Map<number, UserRecord>();
  // Read on every plugin request, socket event and widget handshake: indexed, not scanned.
  private enablements = new Map<string, PluginEnablementRecord>();
  private siteOrigins = new Set<string>();
  // Every widget session reads its site's design.
  private designsBySite = new Map<string, WidgetDesignRecord>();
  // ctx.settings reads these on every hit of a plugin's socket event: keyed, not scanned.
  private pluginSettingsByKey = new Map<string, PluginSettingRecord>();
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private timer: NodeJS.Timeout | undefined;
  readonly state: ContentSyncState = { loaded: false, stale: false, lastSyncAt: null, lastError: null };
  private readonly listeners = new Set<(snapshot: ContentSnapshot) => void>();
  private readonly firstHandListeners = new Set<(change: ContentChange) => void>();

  constructor(
    readonly client: ContentStoreClient,
    private readonly logger: Logger,
  ) {}

  /** Waits for the CMS (it may still be booting) and loads the first snapshot. */
  async load(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await this.refresh();
      if (this.state.loaded) return;
      if (Date.now() > deadline) {
        throw new Error(`The CMS did not answer within ${timeoutMs} ms: ${this.state.lastError ?? 'unknown'}`);
      }
      if (attempt === 1) this.logger.info('waiting for the CMS to answer');
      await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2000)));
    }
  }

  startResync(intervalSeconds: number): void {
    this.timer = setInterval(() => void this.refresh(), intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Coalesces concurrent calls: one request in flight, at most one more queued after it. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = this.fetchSnapshot().finally(() => {
      this.refreshing = undefined;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        void this.refresh();
      }
    });
    return this.refreshing;
  }

  onChange(listener: (snapshot: ContentSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Told when this process learns of a change first-hand — the CMS webhook or a write of its own —
   * and not on re-syncs: with several core processes, the others are then asked to re-read
   * (realtime/redis-cluster.ts), as the webhook reaches one process only.
   */
  onFirstHandChange(listener: (change: ContentChange) => void): () => void {
    this.firstHandListeners.add(listener);
    return () => this.firstHandListeners.delete(listener);
  }

  /** The CMS webhook: content changed there; re-read it and pass the word on. */
  changedInCms(): Promise<void> {
    this.tellFirstHand({ type: 'cms' });
    return this.refresh();
  }

  /** Another core process's first-hand change: applied as it was there, then the CMS re-read. */
  applyPeerChange(change: ContentChange): Promise<void> {
    if (change.type === 'upsert') this.upsert(change.kind, change.record);
    if (change.type === 'remove') this.remove(change.kind, change.documentId);
    return this.refresh();
  }

  private tellFirstHand(change: ContentChange): void {
    for (const listener of this.firstHandListeners) listener(change);
  }

  private async fetchSnapshot(): Promise<void> {
    try {
      // A CMS older than a content type answers without its key: start that type empty.
      this.replace({ ...EMPTY, ...(await this.client.snapshot()) });
      if (this.state.stale) this.logger.info('CMS reachable again; content cache is fresh');
      Object.assign(this.state, { loaded: true, stale: false, lastError: null, lastSyncAt: new Date().toISOString() });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!this.state.stale && this.state.loaded) {
        this.logger.warn({ reason: message }, 'CMS unreachable; serving content from cache');
      }
      Object.assign(this.state, { stale: this.state.loaded, lastError: message });
    }
  }

  private replace(snapshot: ContentSnapshot): void {
    this.data = snapshot;
    this.sitesByKey = new Map(snapshot.sites.map((s) => [s.publicKey, s]));
    this.usersById = new Map(snapshot.users.map((u) => [u.id, u]));
    this.enablements = new Map(snapshot.pluginEnablements.map((e) => [`${e.account}|${e.pluginId}`, e]));
    this.siteOrigins = new Set(snapshot.sites.flatMap((s) => s.origins));
    this.designsBySite = latestPerSite(snapshot.widgetDesigns);
    this.pluginSettingsByKey = latestPerScope(snapshot.pluginSettings);
    for (const listener of this.listeners) listener(snapshot);
  }

  /**
   * Applies a record the core itself just wrote, so its own reads see it before the webhook.
   * `kind` is a snapshot key: one of the core's, or a plugin type's (written through ctx.content).
   */
  upsertLocal<K extends keyof CoreSnapshot>(kind: K, record: CoreSnapshot[K][number]): void;
  upsertLocal(kind: string, record: ContentRecord): void;
  upsertLocal(kind: string, record: ContentRecord): void {
    this.upsert(kind, record);
    this.tellFirstHand({ type: 'upsert', kind, record });
  }

  private upsert(kind: string, record: ContentRecord): void {
    const next = this.records(kind).filter((r) => r.documentId !== record.documentId);
    next.push(record);
    this.replace({ ...this.data, [kind]: next });
  }

  /** Forgets a record the core itself just deleted. */
  removeLocal(kind: string, documentId: string): void {
    this.remove(kind, documentId);
    this.tellFirstHand({ type: 'remove', kind, documentId });
  }

  private remove(kind: string, documentId: string): void {
    this.replace({ ...this.data, [kind]: this.records(kind).filter((r) => r.documentId !== documentId) });
  }

  /** Every record of a type by its snapshot key; none for a type the CMS does not (yet) have. */
  records(kind: string): ContentRecord[] {
    return this.data[kind] ?? [];
  }

  accounts(): readonly AccountRecord[] {
    return this.data.accounts;
  }
  agency(documentId: string): AgencyRecord | undefined {
    return this.data.agencies.find((a) => a.documentId === documentId);
  }
  account(documentId: string): AccountRecord | undefined {
    return this.data.accounts.find((a) => a.documentId === documentId);
  }
  /** Every site of every account (the site-settings watch and the working-hours gate walk them). */
  sites(): readonly SiteRecord[] {
    return this.data.sites;
  }
  sitesOf(accountId: string): SiteRecord[] {
    return this.data.sites.filter((s) => s.account === accountId);
  }
  siteByKey(publicKey: string): SiteRecord | undefined {
    return this.sitesByKey.get(publicKey);
  }
  site(documentId: string): SiteRecord | undefined {
    return this.data.sites.find((s) => s.documentId === documentId);
  }
  /** Is this origin one of any site's addresses? (CORS preflight and socket handshake.) */
  isSiteOrigin(origin: string): boolean {
    return this.siteOrigins.has(origin);
  }
  user(id: number): UserRecord | undefined {
    return this.usersById.get(id);
  }
  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    return this.data.users.find((u) => u.email.toLowerCase() === wanted);
  }
  usersOf(accountId: string): UserRecord[] {
    return this.data.users.filter((u) => u.account === accountId);
  }
  /** B3–B8: the site's saved widget design record (undefined until its admin saves one). */
  designOf(siteId: string): WidgetDesignRecord | undefined {
    return this.designsBySite.get(siteId);
  }
  /** Sites that have a saved design record. */
  designedSiteIds(): IterableIterator<string> {
    return this.designsBySite.keys();
  }
  pluginEnablement(accountId: string, pluginId: string): PluginEnablementRecord | undefined {
    return this.enablements.get(`${accountId}|${pluginId}`);
  }
  /** A plugin's stored settings record for a site or an account (undefined until one is saved). */
  pluginSetting(pluginId: string, scope: 'site' | 'account', ownerId: string): PluginSettingRecord | undefined {
    return this.pluginSettingsByKey.get(pluginSettingKey(pluginId, scope, ownerId));
  }
  /** Every plugin settings record that counts (one per plugin and site or account). */
  pluginSettings(): IterableIterator<PluginSettingRecord> {
    return this.pluginSettingsByKey.values();
  }
}

const pluginSettingKey = (pluginId: string, scope: string, ownerId: string) => `${pluginId}|${scope}|${ownerId}`;

/**
 * One record per plugin and site (or account); the latest saved counts, as with designs. A site
 * record whose site is gone (Strapi empties the relation) belongs to nothing and is left out.
 */
function latestPerScope(records: readonly PluginSettingRecord[]): Map<string, PluginSettingRecord> {
  const byKey = new Map<string, PluginSettingRecord>();
  for (const record of records) {
    const ownerId = record.scope === 'site' ? record.site : record.scope === 'account' ? record.account : null;
    if (!ownerId || !record.account) continue;
    const key = pluginSettingKey(record.pluginId, record.scope, ownerId);
    const other = byKey.get(key);
    if (!other || record.updatedAt > other.updatedAt || (record.updatedAt === other.updatedAt && record.id > other.id)) byKey.set(key, record);
  }
  return byKey;
}

/** One design per site; should a race have written two, the latest saved one counts. */
function latestPerSite(records: readonly WidgetDesignRecord[]): Map<string, WidgetDesignRecord> {
  const bySite = new Map<string, WidgetDesignRecord>();
  for (const record of records) {
    if (!record.site) continue;
    const other = bySite.get(record.site);
    if (!other || record.updatedAt > other.updatedAt || (record.updatedAt === other.updatedAt && record.id > other.id)) bySite.set(record.site, record);
  }
  return bySite;
}
