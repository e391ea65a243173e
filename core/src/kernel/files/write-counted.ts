import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../../http/http-error.js';

export const fileTooLarge = (maxBytes: number) =>
  new HttpError(413, 'file_too_large', `A file may be at most ${maxBytes} bytes`);

export interface CountedBytes {
  /** Writes the bytes to a new file; past the limit or on a failure removes it and throws. */
  writeTo(file: string): Promise<{ size: number; sha256: string }>;
  /** Gives up before writing (the put failed otherwise): the caller's stream is read off. */
  abandon(): void;
}

/**
 * Starts counting and hashing at once, before the put's first await, so an error of the caller's
 * stream is heard whenever it comes. Past `maxBytes` the write stops with `file_too_large`. The
 * caller's stream is then not destroyed but read off to its end and discarded (as body-parser
 * does): destroying a request resets its connection before the route's 413 gets out, and one
 * left paused stalls the connection for the next request on it.
 */
export function countBytes(bytes: Buffer | Readable, maxBytes: number): CountedBytes {
  if (Buffer.isBuffer(bytes) && bytes.length > maxBytes) throw fileTooLarge(maxBytes);
  const source = Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes;
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(fileTooLarge(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // The counter may fail before `writeTo` pipes it on (while the put awaits its folder); the
  // error then waits in `counter.errored` for the pipeline instead of being thrown unheard.
  counter.on('error', () => undefined);
  // `pipe` does not pass the source's errors on; the pipeline must hear of them.
  const failed = (err: Error) => counter.destroy(err);
  source.once('error', failed);
  source.pipe(counter);
  const letGo = () => {
    source.off('error', failed);
    source.unpipe(counter);
    source.resume();
  };
  return {
    async writeTo(file) {
      try {
        await pipeline(counter, fs.createWriteStream(file, { flags: 'wx' }));
        source.off('error', failed);
        return { size, sha256: hash.digest('hex') };
      } catch (err) {
        letGo();
        await fs.promises.rm(file, { force: true });
        throw err;
      }
    },
    abandon() {
      letGo();
      counter.destroy();
    },
  };
}
