import type { AttachmentDto } from '../shared/chat.protocol.js';
import type { FileProblem } from './files.js';
import { UploadError } from './upload.js';

export { uploadFile } from './upload.js';

/** A file on its way to the server, or one that did not get there (shown until dismissed). */
export interface UploadItem {
  key: string;
  name: string;
  size: number;
  /** A local `blob:` URL of an image, shown while it uploads. */
  preview: string | null;
  state: 'waiting' | 'uploading' | 'failed';
  /** The server's (or the pre-check's, in the server's words) error code. */
  error?: string;
  /** False when sending the same bytes again cannot help (wrong type, too big). */
  retryable: boolean;
}

/** The pre-check's refusals, named like the server's (CHAT_HTTP) so one wording serves both. */
const PROBLEM_CODES = { type: 'file_type', size: 'file_too_large', empty: 'file_missing' } as const;
const FINAL = new Set<string>(Object.values(PROBLEM_CODES));

export type UploadFn = (file: File, signal: AbortSignal) => Promise<AttachmentDto>;
export type FileCheck = (file: File) => FileProblem | null;

/**
 * C7 uploads — a lazy chunk, loaded with the first file. One at a time, in the order chosen, so
 * files arrive as picked. A file that passes the pre-check is uploaded; the stored attachment goes
 * to `uploaded`, which hands it to the outbox as a message — from there on it is retry-safe and
 * survives a reload. The bytes live only in memory: a reload during an upload loses that upload
 * (the visitor still has the file).
 */
export class Uploads {
  private seq = 0;
  private list: (UploadItem & { file: File; abort?: AbortController })[] = [];

  constructor(
    /** The pre-check (files.ts `fileProblem`): a refused file shows why and is never sent. */
    private readonly check: FileCheck,
    private readonly upload: UploadFn,
    private readonly events: { changed(): void; uploaded(a: AttachmentDto): void },
  ) {}

  items(): UploadItem[] {
    return this.list.map(({ file: _file, abort: _abort, ...item }) => item);
  }

  add(files: File[]): void {
    for (const file of files) {
      const problem = this.check(file);
      this.list.push({
        key: String(++this.seq),
        name: file.name,
        size: file.size,
        preview: !problem && /^image\//.test(file.type) && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null,
        state: problem ? 'failed' : 'waiting',
        error: problem ? PROBLEM_CODES[problem] : undefined,
        retryable: !problem,
        file,
      });
    }
    this.pump();
    this.events.changed();
  }

  retry(key: string): void {
    const item = this.list.find((i) => i.key === key);
    if (!item?.retryable || item.state !== 'failed') return;
    Object.assign(item, { state: 'waiting', error: undefined });
    this.pump();
    this.events.changed();
  }

  /** Cancels an upload under way, or forgets a failed one. */
  dismiss(key: string): void {
    const item = this.list.find((i) => i.key === key);
    if (!item) return;
    this.drop(item);
    item.abort?.abort();
    this.pump();
    this.events.changed();
  }

  private drop(item: UploadItem): void {
    this.list = this.list.filter((i) => i !== item);
    if (item.preview) URL.revokeObjectURL(item.preview);
  }

  /** Starts the next waiting file if none is under way; the caller reports the change. */
  private pump(): void {
    if (this.list.some((i) => i.state === 'uploading')) return;
    const item = this.list.find((i) => i.state === 'waiting');
    if (!item) return;
    item.state = 'uploading';
    item.abort = new AbortController();
    const { signal } = item.abort;
    this.upload(item.file, signal).then(
      (attachment) => {
        if (signal.aborted) return;
        this.drop(item);
        this.events.uploaded(attachment);
        this.pump();
        this.events.changed();
      },
      (err: unknown) => {
        if (signal.aborted) return;
        const code = err instanceof UploadError ? err.code : 'upload_failed';
        Object.assign(item, { state: 'failed', error: code, retryable: !FINAL.has(code) });
        this.pump();
        this.events.changed();
      },
    );
  }
}
