import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KernelError } from '../kernel-error.js';
import { checkFileKey } from './file-key.js';
import { DEFAULT_FILE_MAX_BYTES, type FileEntry, type FileInfo, type FileStore, type PluginFiles, type PutFileMeta } from './files.types.js';
import { countBytes } from './write-counted.js';

/**
 * FILES_STORE=local: `<folder>/<pluginId>/<key's folders>/`, each file as two entries named after
 * the key's last segment and a `~` (which no key holds, so a key's folder never meets a file):
 * `<leaf>~<blob id>` the bytes, `<leaf>~meta.json` the sidecar naming that blob. Bytes go to a temp
 * file renamed into place; renaming the sidecar over the old one is the commit, so a reader sees
 * the old file or the new one whole, never a half-written one or new bytes with old metadata.
 * Two puts racing on one key: the last sidecar wins and the other's blob may stay behind unused.
 * One machine only: several core processes need a shared store (S3) — docs/decisions.md.
 */
export class LocalFileStore implements FileStore {
  constructor(private readonly folder: string) {}

  forPlugin(pluginId: string): PluginFiles {
    if (!/^[a-z][a-z0-9-]*$/.test(pluginId)) throw new KernelError(`Not a plugin id for files: "${pluginId}"`);
    return new LocalPluginFiles(pluginId, path.join(this.folder, pluginId));
  }
}

const META = '~meta.json';
const sidecar = z.object({
  key: z.string(),
  blob: z.string().regex(/^[0-9a-f]+$/),
  size: z.number(),
  sha256: z.string(),
  mime: z.string(),
  name: z.string().optional(),
  at: z.number(),
});
type Sidecar = z.infer<typeof sidecar>;

const putMeta = z.object({
  mime: z.string().max(200).regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'is not a MIME type'),
  name: z.string().max(255).optional(),
  maxBytes: z.number().int().positive().optional(),
});

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR';
const infoOf = ({ blob: _blob, ...info }: Sidecar): FileInfo => info;

class LocalPluginFiles implements PluginFiles {
  constructor(
    private readonly pluginId: string,
    private readonly root: string,
  ) {}

  async put(key: string, bytes: Parameters<PluginFiles['put']>[1], meta: PutFileMeta) {
    const { dir, leaf } = this.locate(key);
    const parsed = putMeta.safeParse(meta);
    if (!parsed.success) throw new KernelError(`Plugin "${this.pluginId}": file meta ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const counted = countBytes(bytes, parsed.data.maxBytes ?? DEFAULT_FILE_MAX_BYTES);
    try {
      await fs.promises.mkdir(dir, { recursive: true });
    } catch (err) {
      counted.abandon();
      throw err;
    }
    const temp = path.join(dir, `~tmp-${randomBytes(8).toString('hex')}`);
    const { size, sha256 } = await counted.writeTo(temp);
    const blob = randomBytes(8).toString('hex');
    const previous = await this.readSidecar(dir, leaf);
    try {
      await fs.promises.rename(temp, path.join(dir, `${leaf}~${blob}`));
      const record: Sidecar = { key, blob, size, sha256, mime: parsed.data.mime, ...(parsed.data.name === undefined ? {} : { name: parsed.data.name }), at: Date.now() };
      const metaTemp = `${temp}-meta`;
      await fs.promises.writeFile(metaTemp, JSON.stringify(record), { flag: 'wx' });
      await fs.promises.rename(metaTemp, path.join(dir, leaf + META));
    } catch (err) {
      await Promise.all([temp, `${temp}-meta`, path.join(dir, `${leaf}~${blob}`)].map((f) => fs.promises.rm(f, { force: true })));
      throw err;
    }
    // A reader that opened the old blob keeps reading it (POSIX); new readers get the new one.
    if (previous) await fs.promises.rm(path.join(dir, `${leaf}~${previous.blob}`), { force: true });
    return { key, size, sha256 };
  }

  async get(key: string) {
    const { dir, leaf } = this.locate(key);
    // An overwrite may remove the blob between reading its sidecar and opening it: read again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const record = await this.readSidecar(dir, leaf);
      if (!record) return null;
      try {
        const handle = await fs.promises.open(path.join(dir, `${leaf}~${record.blob}`), 'r');
        return { ...infoOf(record), stream: handle.createReadStream() };
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    }
    throw new KernelError(`Plugin "${this.pluginId}": file "${key}" kept changing while being read`);
  }

  async stat(key: string) {
    const { dir, leaf } = this.locate(key);
    const record = await this.readSidecar(dir, leaf);
    return record ? infoOf(record) : null;
  }

  async delete(key: string) {
    const { dir, leaf } = this.locate(key);
    const record = await this.readSidecar(dir, leaf);
    if (!record) return false;
    await fs.promises.rm(path.join(dir, leaf + META), { force: true });
    await fs.promises.rm(path.join(dir, `${leaf}~${record.blob}`), { force: true });
    return true;
  }

  async *list(prefix = ''): AsyncIterable<FileEntry> {
    const segments = checkFileKey(this.pluginId, prefix, 'prefix');
    yield* this.walk(path.join(this.root, ...segments.slice(0, -1)), segments.slice(0, -1).map((s) => `${s}/`).join(''), prefix);
  }

  /** Keys in order: a folder `s` sorts as `s/`, so its keys fall where their full keys would. */
  private async *walk(dir: string, keyPrefix: string, prefix: string): AsyncIterable<FileEntry> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    const items = entries.flatMap((e): { sortKey: string; name: string; folder: boolean }[] => {
      if (e.isDirectory()) return [{ sortKey: `${keyPrefix}${e.name}/`, name: e.name, folder: true }];
      if (e.isFile() && e.name.endsWith(META)) return [{ sortKey: keyPrefix + e.name.slice(0, -META.length), name: e.name.slice(0, -META.length), folder: false }];
      return [];
    });
    items.sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1));
    for (const item of items) {
      // Skip what cannot hold the prefix: a folder must start with it or be a start of it.
      if (!(item.sortKey.startsWith(prefix) || prefix.startsWith(item.sortKey))) continue;
      if (item.folder) {
        yield* this.walk(path.join(dir, item.name), item.sortKey, prefix);
      } else {
        const record = await this.readSidecar(dir, item.name);
        if (record && record.key.startsWith(prefix)) yield { key: record.key, size: record.size, at: record.at };
      }
    }
  }

  private locate(key: string): { dir: string; leaf: string } {
    const segments = checkFileKey(this.pluginId, key);
    return { dir: path.join(this.root, ...segments.slice(0, -1)), leaf: segments.at(-1)! };
  }

  private async readSidecar(dir: string, leaf: string): Promise<Sidecar | null> {
    try {
      return sidecar.parse(JSON.parse(await fs.promises.readFile(path.join(dir, leaf + META), 'utf8')));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }
}
