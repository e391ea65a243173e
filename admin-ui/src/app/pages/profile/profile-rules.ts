import type { AbstractControl, ValidationErrors } from '@angular/forms';

/** A4: the largest avatar the server takes. */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
const EXTENSIONS = ['jpg', 'jpeg', 'png', 'bmp', 'gif'];
const MIME_TYPES = ['image/jpeg', 'image/png', 'image/bmp', 'image/x-ms-bmp', 'image/gif'];

/**
 * Checked before uploading, so a wrong pick is told at once instead of after megabytes travel. The
 * server checks again, by the bytes (a PDF renamed to .png passes here and is refused there).
 */
export function avatarFileProblem(file: File): 'type' | 'size' | null {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!EXTENSIONS.includes(extension) || (file.type !== '' && !MIME_TYPES.includes(file.type))) return 'type';
  if (file.size > AVATAR_MAX_BYTES) return 'size';
  return null;
}

/** What the server takes as a phone: digits, spaces, +, ( ) and -, with 5 to 15 digits; or nothing. */
export function phoneValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  if (!value) return null;
  const digits = value.replace(/\D/g, '').length;
  return /^[+\d\s()-]*$/.test(value) && digits >= 5 && digits <= 15 ? null : { phone: true };
}
