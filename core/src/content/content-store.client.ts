import axios, { AxiosError, type AxiosInstance } from 'axios';
import type {
  AccountRecord,
  ContentSnapshot,
  MediaFileRecord,
  NewUser,
  PluginEnablementRecord,
  PluginSettingRecord,
  SiteRecord,
  UserChanges,
  UserRecord,
  WidgetDesignRecord,
} from './content.types.js';

/** A CMS answer the caller can act on (409 duplicate, 400 invalid); anything else is an outage. */
export class ContentStoreError extends Error {
  override name = 'ContentStoreError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/** A typed collection of one content type exposed under `/api/callpy/<pluralName>`. */
export interface ContentCollection<T> {
  list(params?: Record<string, unknown>): Promise<T[]>;
  get(documentId: string): Promise<T | undefined>;
  create(data: Partial<T>): Promise<T>;
  update(documentId: string, data: Partial<T>): Promise<T>;
  remove(documentId: string): Promise<void>;
}

/**
 * The only code that talks HTTP to Strapi. Authenticated with the pre-shared API token; errors
 * become ContentStoreError with Strapi's message so the API can pass a clear reason on.
 */
export class ContentStoreClient {
  private readonly http: AxiosInstance;
  /** Strapi's own routes outside the callpy plugin: the upload plugin (media library). */
  private readonly media: AxiosInstance;

  constructor(
    private readonly baseUrl: string,
    apiToken: string,
    timeoutMs = 5000,
  ) {
    this.media = axios.create({ baseURL: baseUrl, timeout: 30_000, headers: { Authorization: `Bearer ${apiToken}` } });
    this.http = axios.create({
      baseURL: `${baseUrl}/api/callpy`,
      timeout: timeoutMs,
      headers: { Authorization: `Bearer ${apiToken}` },
    });
  }

  snapshot(): Promise<ContentSnapshot> {
    return this.call(() => this.http.get<ContentSnapshot>('/snapshot'));
  }

  collection<T>(pluralName: string): ContentCollection<T> {
    const base = `/${pluralName}`;
    return {
      list: async (params) => (await this.call(() => this.http.get<{ data: T[] }>(base, { params }))).data,
      get: async (documentId) => {
        try {
          return (await this.call(() => this.http.get<{ data: T }>(`${base}/${documentId}`))).data;
        } catch (err) {
          if (err instanceof ContentStoreError && err.status === 404) return undefined;
          throw err;
        }
      },
      create: async (data) => (await this.call(() => this.http.post<{ data: T }>(base, { data }))).data,
      update: async (documentId, data) =>
        (await this.call(() => this.http.put<{ data: T }>(`${base}/${documentId}`, { data }))).data,
      remove: async (documentId) => {
        await this.call(() => this.http.delete(`${base}/${documentId}`));
      },
    };
  }

  readonly accounts = this.collection<AccountRecord>('accounts');
  readonly sites = this.collection<SiteRecord>('sites');
  readonly pluginEnablements = this.collection<PluginEnablementRecord>('plugin-enablements');
  readonly widgetDesigns = this.collection<WidgetDesignRecord>('widget-designs');
  readonly pluginSettings = this.collection<PluginSettingRecord>('plugin-settings');

  createUser(user: NewUser): Promise<UserRecord> {
    return this.call(() => this.http.post<UserRecord>('/users', user));
  }

  updateUser(id: number, changes: UserChanges): Promise<UserRecord> {
    return this.call(() => this.http.put<UserRecord>(`/users/${id}`, changes));
  }

  deleteUser(id: number): Promise<UserRecord> {
    return this.call(() => this.http.delete<UserRecord>(`/users/${id}`));
  }

  /** Stores a file in Strapi's media library (upload plugin, allowed by the full-access token). */
  async uploadFile(bytes: Buffer, name: string, mime: string): Promise<MediaFileRecord> {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(bytes)], { type: mime }), name);
    const [file] = await this.call(() => this.media.post<MediaFileRecord[]>('/api/upload', form));
    if (!file) throw new ContentStoreError('CMS: the upload answered without a file', 502);
    return { id: file.id, documentId: file.documentId, url: file.url, mime: file.mime };
  }

  async deleteFile(id: number): Promise<void> {
    await this.call(() => this.media.delete(`/api/upload/files/${id}`));
  }

  /**
   * A media file's bytes; `url` as the media library gives it (host-less for the local provider,
   * absolute for a cloud one). Files are public there: no token goes along.
   */
  async fileBytes(url: string): Promise<Buffer> {
    const href = new URL(url, this.baseUrl).href;
    return Buffer.from(await this.call(() => axios.get<ArrayBuffer>(href, { responseType: 'arraybuffer', timeout: 10_000 })));
  }

  /** The user when the password matches (blocked users included), undefined otherwise. */
  async verifyPassword(email: string, password: string): Promise<UserRecord | undefined> {
    try {
      return (await this.call(() => this.http.post<{ user: UserRecord }>('/users/verify-password', { email, password })))
        .user;
    } catch (err) {
      if (err instanceof ContentStoreError && err.status === 401) return undefined;
      throw err;
    }
  }

  private async call<T>(request: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await request()).data;
    } catch (err) {
      if (err instanceof AxiosError) {
        const body = err.response?.data as { error?: { message?: string } } | undefined;
        throw new ContentStoreError(
          `CMS: ${body?.error?.message ?? err.message}`,
          err.response?.status,
        );
      }
      throw err;
    }
  }
}
