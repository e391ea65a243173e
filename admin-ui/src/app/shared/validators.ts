import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** The password rule of the core: at least 8 characters. */
export const PASSWORD_MIN_LENGTH = 8;

/** bcrypt (the CMS's hash) reads 72 bytes of a password; the core refuses longer ones. */
export const PASSWORD_MAX_BYTES = 72;
export const passwordBytes: ValidatorFn = (control) =>
  new TextEncoder().encode(String(control.value ?? '')).length > PASSWORD_MAX_BYTES ? { passwordBytes: true } : null;

/** Valid when the value equals the sibling control `otherName` (password confirmation). */
export function matchesSibling(otherName: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const other = control.parent?.get(otherName);
    if (!other || !control.value) return null;
    return control.value === other.value ? null : { mismatch: true };
  };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Turns what people type ("shop.ru", "https://shop.ru/") into an absolute URL: a missing scheme
 * becomes https. Returns null when it cannot be a website address.
 */
export function normalizeSiteUrl(raw: string): string | null {
  const value = raw.trim();
  if (!value || /\s/.test(value)) return null;
  const candidate = SCHEME.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname;
  const isLocal = host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  if (!isLocal && !/\.[a-zа-яё0-9-]{2,}$/i.test(host) && !host.includes('xn--')) return null;
  return candidate;
}

/** `required` for text: spaces alone are no name (the server trims them away). */
export const notBlank: ValidatorFn = (control) =>
  typeof control.value === 'string' && control.value.length > 0 && !control.value.trim() ? { required: true } : null;

export const siteUrlValidator: ValidatorFn = (control) => {
  const value = typeof control.value === 'string' ? control.value : '';
  if (!value.trim()) return null; // `required` reports the empty case
  return normalizeSiteUrl(value) ? null : { url: true };
};
