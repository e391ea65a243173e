import { KernelError } from '../kernel-error.js';

const KEY_CHARS = /^[a-z0-9/_.-]*$/;
export const FILE_KEY_MAX_LENGTH = 200;

/**
 * Refuses a key that could leave the plugin's part of the store or mean two things: other
 * characters (`\`, upper case — which a case-insensitive disk would fold), a leading `/`, an
 * empty, `.` or `..` segment. Keys come from the plugin's own ids; a user's file name goes in
 * `meta.name`. A prefix (`list`) may be empty or end in `/`; its last,
 * partial segment only filters names and never becomes a path.
 */
export function checkFileKey(pluginId: string, key: string, kind: 'key' | 'prefix' = 'key'): string[] {
  const refuse = (why: string) => new KernelError(`Plugin "${pluginId}": file ${kind} "${String(key).slice(0, 60)}" ${why}`);
  if (typeof key !== 'string') throw refuse('is not a string');
  if (key.length > FILE_KEY_MAX_LENGTH) throw refuse(`is longer than ${FILE_KEY_MAX_LENGTH} characters`);
  if (!KEY_CHARS.test(key)) throw refuse('may hold only a-z, 0-9 and / _ . -');
  if (kind === 'key' && key === '') throw refuse('is empty');
  if (key.startsWith('/')) throw refuse('must not start with /');
  const segments = key.split('/');
  // A prefix's last segment is a partial name ("" after a trailing slash, or "a" of "a/ab…").
  const whole = kind === 'prefix' ? segments.slice(0, -1) : segments;
  if (whole.some((s) => s === '' || s === '.' || s === '..')) throw refuse('must not hold empty, . or .. segments');
  return segments;
}
