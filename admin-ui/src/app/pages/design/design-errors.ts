import { type ApiError, errorKey } from '../../core/api-error';
import type { LogoProblem } from './design-rules';

/** A message for the design page as a translation key with parameters. */
export interface DesignMessage {
  key: string;
  params?: Record<string, unknown>;
}

/** The core's words are English; refusals the page knows get the panel's language instead. */
function known(error: ApiError, keys: Readonly<Record<string, string>>, params?: Record<string, unknown>): DesignMessage {
  const key = keys[error.code];
  if (key) return { key, ...(params ? { params } : {}) };
  return { key: errorKey(error) };
}

/** Any refusal, in the panel's words for its code. */
export function apiMessage(error: ApiError): DesignMessage {
  return known(error, {});
}

export function clientLogoMessage(problem: LogoProblem): DesignMessage {
  return { key: `design.logo.errors.${problem}` };
}

/** A refused logo upload or delete (docs/widget-design.md: logo_type, logo_too_large, logo_too_small, file_missing). */
export function logoMessage(error: ApiError): DesignMessage {
  // "The logo is 100×100 px; …": the size is worth repeating, whatever the language.
  const size = /(\d+)\s*[×x]\s*(\d+)/.exec(error.message);
  return known(
    error,
    { logo_type: 'design.logo.errors.type', logo_too_large: 'design.logo.errors.size', logo_too_small: 'design.logo.errors.small', file_missing: 'design.logo.errors.empty' },
    { size: size ? `${size[1]}×${size[2]}` : '?' },
  );
}

/** A refused "preview over my site": a foreign or private address, or a page the core could not fetch. */
export function previewMessage(error: ApiError, origins: readonly string[]): DesignMessage {
  if (error.code === 'validation_failed' && error.fields['url']) return { key: 'design.preview.errors.url' };
  const keys = {
    preview_foreign_url: 'design.preview.errors.foreign',
    preview_private_address: 'design.preview.errors.private',
    preview_not_html: 'design.preview.errors.notHtml',
    preview_too_large: 'design.preview.errors.tooLarge',
    preview_unreachable: 'design.preview.errors.unreachable',
  };
  return known(error, keys, { origins: origins.join(', ') });
}
