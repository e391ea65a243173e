import { KernelError } from '../kernel/kernel-error.js';
import type { ContentStore } from './content-store.js';
import type { AccountRecord, ContentRecord, PluginSettingRecord, SiteRecord, UserRecord, WidgetDesignRecord } from './content.types.js';

/** A content type a plugin brings in `plugins/<id>/content-types/<name>/schema.json`. */
export interface PluginContentType {
  /** The folder name (= Strapi's singularName): how plugins name it in `content.reads`. */
  name: string;
  /** The plugin whose folder holds it. */
  owner: string;
  /** Its REST path under /api/callpy/ (kebab-case). */
  pluralName: string;
  /** Relation and media attributes: a write's answer carries them unpopulated (see `write`). */
  linked: string[];
  /** Of those, the to-many ones (an empty list on a new record, not null). */
  linkedMany: string[];
}

/** The records of one content type, as the snapshot has them (relations as documentIds). */
export interface ContentTypeRecords<T extends ContentRecord> {
  all(): readonly T[];
  get(documentId: string): T | undefined;
}

/**
 * One of the plugin's own content types: written through the CMS REST, then applied to this
 * process's cache at once and passed on to the other core processes (as the core's own writes).
 * Relations are given as documentIds, as the snapshot reads them.
 */
export interface WritableContentType<T extends ContentRecord> extends ContentTypeRecords<T> {
  create(data: Partial<T>): Promise<T>;
  update(documentId: string, data: Partial<T>): Promise<T>;
  remove(documentId: string): Promise<void>;
}

/**
 * `ctx.content`: the core's own records read-only (accounts, sites, users, designs), the plugin's
 * own content types read and write, other plugins' types it declares in `content.reads` read-only.
 * Anything else is refused at the call. Do not mutate what a read returns: it is shared.
 */
export interface PluginContent {
  accounts(): readonly AccountRecord[];
  account(documentId: string): AccountRecord | undefined;
  sites(): readonly SiteRecord[];
  sitesOf(accountId: string): SiteRecord[];
  site(documentId: string): SiteRecord | undefined;
  siteByKey(publicKey: string): SiteRecord | undefined;
  user(id: number): UserRecord | undefined;
  usersOf(accountId: string): UserRecord[];
  designOf(siteId: string): WidgetDesignRecord | undefined;
  /** The plugin's own stored settings record, if one was saved (ctx.settings reads the value). */
  ownSetting(scope: 'site' | 'account', ownerId: string): PluginSettingRecord | undefined;
  /** Content changed (any type, any cause: a write, the CMS webhook, a re-sync, a peer process). */
  onChange(listener: () => void): () => void;
  /** A type the plugin owns or declared it reads. */
  records<T extends ContentRecord>(type: string): ContentTypeRecords<T>;
  /** A type the plugin owns. */
  writable<T extends ContentRecord>(type: string): WritableContentType<T>;
}

export interface PluginContentAccess {
  pluginId: string;
  own: readonly PluginContentType[];
  reads: readonly PluginContentType[];
}

/** The snapshot key of a type: its camelCased pluralName (cms/…/services/snapshot.ts). */
export const snapshotKey = (pluralName: string) => pluralName.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The scoped view of the content cache a plugin's `ctx.content` is. */
export function pluginContent(store: ContentStore, access: PluginContentAccess): PluginContent {
  const { pluginId } = access;
  const own = new Map(access.own.map((t) => [t.name, t]));
  const readable = new Map([...access.reads.map((t) => [t.name, t] as const), ...own]);

  const find = (map: Map<string, PluginContentType>, type: string, wanted: string): PluginContentType => {
    const found = map.get(type);
    if (found) return found;
    const why = readable.has(type)
      ? `it belongs to plugin "${readable.get(type)!.owner}" and is declared in content.reads, which only reads`
      : `it is neither the plugin's own (plugins/${pluginId}/content-types/) nor declared in content.reads`;
    throw new KernelError(`Plugin "${pluginId}" may not ${wanted} content type "${type}": ${why}`);
  };
  const reader = <T extends ContentRecord>(key: string): ContentTypeRecords<T> => ({
    all: () => store.records(key) as T[],
    get: (documentId) => (store.records(key) as T[]).find((r) => r.documentId === documentId),
  });

  return {
    accounts: () => store.accounts(),
    account: (documentId) => store.account(documentId),
    sites: () => store.sites(),
    sitesOf: (accountId) => store.sitesOf(accountId),
    site: (documentId) => store.site(documentId),
    siteByKey: (publicKey) => store.siteByKey(publicKey),
    user: (id) => store.user(id),
    usersOf: (accountId) => store.usersOf(accountId),
    designOf: (siteId) => store.designOf(siteId),
    ownSetting: (scope, ownerId) => store.pluginSetting(pluginId, scope, ownerId),
    onChange: (listener) => store.onChange(() => listener()),
    records: <T extends ContentRecord>(type: string) => reader<T>(snapshotKey(find(readable, type, 'read').pluralName)),
    writable: <T extends ContentRecord>(type: string) => writer<T>(store, find(own, type, 'write')),
  };
}

function writer<T extends ContentRecord>(store: ContentStore, type: PluginContentType): WritableContentType<T> {
  const key = snapshotKey(type.pluralName);
  const rest = store.client.collection<T>(type.pluralName);
  const records = () => store.records(key) as T[];
  const get = (documentId: string) => records().find((r) => r.documentId === documentId);
  /**
   * Strapi answers a write with relations unpopulated: the record as the snapshot will have it is
   * what was there, the answer's own fields, and the relations as they were given.
   */
  const applied = (before: Partial<T>, answer: T, data: Partial<T>): T => {
    const fields = Object.fromEntries(Object.entries(answer).filter(([name]) => !type.linked.includes(name)));
    const record = { ...before, ...fields, ...data } as T;
    store.upsertLocal(key, record);
    return record;
  };
  return {
    all: records,
    get,
    create: async (data) => {
      const empty = Object.fromEntries(type.linked.map((name) => [name, type.linkedMany.includes(name) ? [] : null])) as Partial<T>;
      return applied(empty, await rest.create(data), data);
    },
    update: async (documentId, data) => applied(get(documentId) ?? {}, await rest.update(documentId, data), data),
    remove: async (documentId) => {
      await rest.remove(documentId);
      store.removeLocal(key, documentId);
    },
  };
}
