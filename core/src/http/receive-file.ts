import type { RequestHandler } from 'express';
import multer from 'multer';
import { HttpError } from './http-error.js';

/** Room the multipart envelope (boundary, part headers) takes besides the file itself. */
const ENVELOPE_BYTES = 16 * 1024;

/**
 * Reads one file from the multipart field `file` into memory (`req.file`), stopping at `maxBytes`
 * while it streams: a request that announces more is refused before a byte is read (and its
 * connection closed rather than drained), one that sends more is cut off at the limit. `what`
 * names the file in messages ("the logo").
 */
export function receiveOneFile(maxBytes: number, what: string, tooLarge: (announcedBytes?: number) => HttpError): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers send a file name's UTF-8 bytes as they are; busboy would read them as Latin-1.
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 2, fieldSize: 1024, parts: 3, headerPairs: 20 },
  }).single('file');
  return (req, res, next) => {
    const announced = Number(req.headers['content-length'] ?? 0);
    if (announced > maxBytes + ENVELOPE_BYTES) {
      res.setHeader('Connection', 'close');
      return next(tooLarge(announced));
    }
    if (!req.is('multipart/form-data')) return next(new HttpError(400, 'file_missing', `Send ${what} as multipart/form-data in the field "file"`));
    upload(req, res, (err: unknown) => {
      if (!err) return next(req.file ? undefined : new HttpError(400, 'file_missing', `Send ${what} in the multipart field "file"`));
      if (!(err instanceof multer.MulterError)) return next(new HttpError(400, 'upload_unreadable', 'The upload could not be read; try again'));
      if (err.code === 'LIMIT_FILE_SIZE') {
        res.setHeader('Connection', 'close');
        return next(tooLarge());
      }
      if (err.code === 'LIMIT_UNEXPECTED_FILE') return next(new HttpError(400, 'file_missing', `Send one file, in the multipart field "file"`));
      next(new HttpError(400, 'validation_failed', `The upload is malformed: ${err.message}`));
    });
  };
}
