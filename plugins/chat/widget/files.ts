import { CHAT_LIMITS } from '../shared/chat.protocol.js';

/** The file picker's `accept`: the allowed extensions (C7), so the dialog offers only those. */
export const ACCEPT = CHAT_LIMITS.fileExtensions.map((e) => `.${e}`).join(',');

/** Why a file is refused before it is sent anywhere (the server checks again, by content). */
export type FileProblem = 'type' | 'size' | 'empty';

const extension = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** C7 pre-check: an allowed extension and a size within `CHAT_LIMITS.fileBytes`. */
export function fileProblem(file: { name: string; size: number }): FileProblem | null {
  if (!(CHAT_LIMITS.fileExtensions as readonly string[]).includes(extension(file.name))) return 'type';
  if (file.size > CHAT_LIMITS.fileBytes) return 'size';
  return file.size > 0 ? null : 'empty';
}

/**
 * A pasted image has no real name ("image.png"): it becomes `screenshot-20250101-140533.png`. The
 * extension follows the type, so a type we do not take (image/webp) is refused by the pre-check.
 */
export function screenshotName(at: Date, mime: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  const subtype = (mime.split('/')[1] ?? '').replace(/\W.*$/, '').toLowerCase();
  return `screenshot-${stamp}.${subtype === 'jpeg' ? 'jpg' : subtype || 'png'}`;
}
