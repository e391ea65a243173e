import { LRUCache } from 'lru-cache';
import type { Logger } from '../logging/logger.js';
import type { ContentStoreClient } from './content-store.client.js';
import type { MediaFileRecord } from './content.types.js';

/** Media served from memory: enough for a few hundred pictures. */
const CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Files of Strapi's media library (avatars, logos) as the core serves them to browsers, which
 * never talk to Strapi. A stored file never changes under its documentId, so each process keeps
 * recent ones in memory: visitors' widgets do not reach the CMS on every page view, and what was
 * seen keeps showing while the CMS is down.
 */
export class MediaFiles {
  private readonly cache: LRUCache<string, Buffer, string>;

  constructor(
    private readonly client: ContentStoreClient,
    private readonly logger: Logger,
  ) {
    this.cache = new LRUCache<string, Buffer, string>({
      maxSize: CACHE_BYTES,
      sizeCalculation: (bytes) => Math.max(1, bytes.length),
      // Concurrent requests for one file share a single fetch.
      fetchMethod: (_documentId, _stale, { context: url }) => this.client.fileBytes(url),
    });
  }

  store(bytes: Buffer, name: string, mime: string): Promise<MediaFileRecord> {
    return this.client.uploadFile(bytes, name, mime);
  }

  async bytes(file: MediaFileRecord): Promise<Buffer | undefined> {
    return this.cache.fetch(file.documentId, { context: file.url });
  }

  /** A file nobody points at any more: removing it is housekeeping, not worth failing a request. */
  async removeQuietly(file: Pick<MediaFileRecord, 'id' | 'documentId'>): Promise<void> {
    this.cache.delete(file.documentId);
    try {
      await this.client.deleteFile(file.id);
    } catch (err) {
      this.logger.warn({ err, file: file.documentId }, 'could not remove an unused file from the media library');
    }
  }
}
