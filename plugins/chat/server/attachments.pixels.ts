import { imageSize } from 'image-size';
import { HttpError } from '../../../core/src/index.js';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';

/**
 * An image bomb is small on the wire and huge once decoded: a 1 MB PNG may declare 20000×20000 px,
 * which a browser decodes into gigabytes. The declared size is in the header, so it is checked
 * before the file is stored, for every image kind a browser shows inline.
 */
export function checkImagePixels(bytes: Buffer): void {
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw new HttpError(400, 'file_type', 'The image is damaged and cannot be read');
  }
  const { width = 0, height = 0 } = size;
  const { imageSide, imagePixels } = CHAT_LIMITS;
  if (width > imageSide || height > imageSide || width * height > imagePixels) {
    throw new HttpError(
      400,
      'image_too_large',
      `The image is ${width}×${height} px; at most ${imageSide} px a side and ${imagePixels / 1_000_000} megapixels are accepted`,
    );
  }
}
