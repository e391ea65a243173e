import { fileTypeFromBuffer } from 'file-type';
import { HttpError } from '../http/http-error.js';
import { receiveOneFile } from '../http/receive-file.js';

/** A4: the largest avatar accepted. */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/** The image kinds an avatar may be, by what file-type reads in the bytes. */
const AVATAR_KINDS: Record<string, { mime: string; ext: string }> = {
  jpg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  apng: { mime: 'image/png', ext: 'png' },
  gif: { mime: 'image/gif', ext: 'gif' },
  bmp: { mime: 'image/bmp', ext: 'bmp' },
};

/** The avatar upload, cut off at 5 MB while it streams: nothing is stored until the bytes are checked. */
export const receiveAvatar = receiveOneFile(
  AVATAR_MAX_BYTES,
  'the image',
  () => new HttpError(413, 'file_too_large', `An avatar may be at most ${AVATAR_MAX_BYTES / 1024 / 1024} MB`),
);

/**
 * What the avatar is, decided by its bytes — never by its name or the browser's word: a PDF named
 * `photo.png` is a PDF.
 */
export async function avatarKind(bytes: Buffer): Promise<{ mime: string; ext: string }> {
  const detected = await fileTypeFromBuffer(bytes);
  const kind = detected && AVATAR_KINDS[detected.ext];
  if (kind) return kind;
  const what = detected ? `a ${detected.ext.toUpperCase()} file` : 'not an image';
  throw new HttpError(400, 'unsupported_type', `An avatar must be a JPG, PNG, BMP or GIF image; this file is ${what}`);
}
