import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { HttpError } from '../http/http-error.js';
import { LOGO_RULES } from '../../../widget/src/design.js';

export interface CheckedLogo {
  mime: 'image/jpeg' | 'image/png';
  ext: 'jpg' | 'png';
  width: number;
  height: number;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const logoTooLarge = (bytes?: number) =>
  new HttpError(413, 'logo_too_large', `The logo ${bytes ? `is ${megabytes(bytes)}; it must be` : 'must be'} at most ${LOGO_RULES.maxBytes / 1024 / 1024} MB`);

/**
 * B7: a logo is a JPEG or PNG by its content (a PDF renamed `.png` is a PDF), at most 2 MB, and at
 * least 125×125 px, so it stays sharp in the header at any scale. Throws a 4xx naming what is wrong.
 */
export async function checkLogo(bytes: Buffer): Promise<CheckedLogo> {
  if (bytes.length > LOGO_RULES.maxBytes) throw logoTooLarge(bytes.length);
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime !== 'image/jpeg' && type?.mime !== 'image/png') {
    const what = type ? `this file is ${type.ext.toUpperCase()}` : 'this file is not an image';
    throw new HttpError(400, 'logo_type', `The logo must be a JPG or PNG image; ${what}`);
  }
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw new HttpError(400, 'logo_type', 'The logo image is damaged and cannot be read');
  }
  const { width = 0, height = 0 } = size;
  if (width < LOGO_RULES.minWidth || height < LOGO_RULES.minHeight) {
    throw new HttpError(400, 'logo_too_small', `The logo is ${width}×${height} px; it must be at least ${LOGO_RULES.minWidth}×${LOGO_RULES.minHeight} px`);
  }
  return { mime: type.mime, ext: type.mime === 'image/png' ? 'png' : 'jpg', width, height };
}
