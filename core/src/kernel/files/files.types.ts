import type { Readable } from 'node:stream';

/** What `list` tells of each file: what S3's ListObjectsV2 gives without a request per object. */
export interface FileEntry {
  key: string;
  size: number;
  /** When it was stored (ms since the epoch). */
  at: number;
}

export interface FileInfo extends FileEntry {
  mime: string;
  /** The name to offer on download (the uploader's file name), if the plugin gave one. */
  name?: string;
  /** Hex SHA-256 of the bytes, counted while they were written. */
  sha256: string;
}

export interface PutFileMeta {
  mime: string;
  name?: string;
  /** Refuse more bytes than this (413 `file_too_large`); default `DEFAULT_FILE_MAX_BYTES`. */
  maxBytes?: number;
}

/**
 * `ctx.files`: the plugin's own blobs, addressed by keys in its own namespace (`[a-z0-9/_.-]`,
 * no `..` segment, no leading `/`, at most 200 characters; another plugin's keys are out of reach).
 * Nothing here names a disk path, so an S3-compatible store can implement it one call per method
 * (the bucket prefix `<pluginId>/`, mime and name as Content-Type and user metadata):
 */
export interface PluginFiles {
  /**
   * PutObject. Replaces a file of the same key. A stream is counted while it is written: past
   * `maxBytes` the put is refused with the 413 `file_too_large` HttpError and nothing is left
   * behind; the rest of the stream is read off and discarded (as body-parser does, so a route can
   * answer on the request's connection) unless the caller destroys it.
   */
  put(key: string, bytes: Buffer | Readable, meta: PutFileMeta): Promise<{ key: string; size: number; sha256: string }>;
  /** GetObject; `null` if there is no such file. Read or destroy the stream. */
  get(key: string): Promise<(FileInfo & { stream: Readable }) | null>;
  /** HeadObject; `null` if there is no such file. */
  stat(key: string): Promise<FileInfo | null>;
  /** DeleteObject (S3 does not say whether it existed: a HeadObject before it); whether there was a file. */
  delete(key: string): Promise<boolean>;
  /** ListObjectsV2 (paged by the store as it goes): every file whose key starts with `prefix`, in key order. */
  list(prefix?: string): AsyncIterable<FileEntry>;
}

/** The installation's store; the kernel hands each plugin its own part of it. */
export interface FileStore {
  forPlugin(pluginId: string): PluginFiles;
}

/** A put's default limit; a plugin that means to keep larger files says so per put. */
export const DEFAULT_FILE_MAX_BYTES = 25 * 1024 * 1024;
