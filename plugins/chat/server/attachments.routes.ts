import { create as contentDisposition } from 'content-disposition';
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { forbidden, HttpError, notFound, parseOrThrow } from '../../../core/src/index.js';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';
import { isImageMime } from './attachments.content.js';
import type { AttachmentsService, Uploader } from './attachments.service.js';
import type { ChatContext } from './chat.db.js';
import type { DialogsService } from './dialogs.service.js';
import type { VisitorsService } from './visitors.service.js';

/** Room the multipart envelope (boundaries, part headers) takes besides the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
/** A file never changes under its id: browsers may keep it (privately) for a week. */
const CACHE_SECONDS = 7 * 24 * 3600;
const MEGABYTES = CHAT_LIMITS.fileBytes / 1024 / 1024;

const tooLarge = () => new HttpError(413, 'file_too_large', `A file may be at most ${MEGABYTES} MB`);

interface Services {
  attachments: AttachmentsService;
  dialogs: DialogsService;
  visitors: VisitorsService;
}

/**
 * C7 over HTTP (CHAT_HTTP): a visitor's and an operator's upload, and the signed download.
 *
 * The visitor's upload sits at `/api/chat/public/attachments` but is served by the plugin's
 * authenticated router: the public router does not claim it, so the request goes on to
 * `/api/chat`, where the kernel resolves the bearer token — a visitor's too — and checks that the
 * account has the chat. Only the download is truly public; its signature is the credential.
 */
export function registerAttachmentRoutes(ctx: ChatContext, s: Services): void {
  const { router, publicRouter } = ctx.http;
  // Shared by every core process through Redis where configured (ctx.rateLimits).
  const perActor = ctx.rateLimits.http('uploads', 30, 60, (req) => uploaderOf(req).key);
  const store: RequestHandler = async (req, res) => {
    res.status(201).json(await s.attachments.create(uploaderOf(req), { originalName: req.file!.originalname, bytes: req.file!.buffer }));
  };

  router.post('/public/attachments', visitorUploads(ctx, s), perActor, receiveFile, store);
  router.post('/attachments', operatorUploads(s), perActor, receiveFile, store);

  publicRouter.get('/files/:id/:signature/:name', async (req, res) => {
    const params = fileParams.safeParse(req.params);
    const file = params.success ? await s.attachments.download(params.data.id, params.data.signature) : undefined;
    if (!file) throw notFound('No such file');
    res.setHeader('Content-Type', file.mime === 'text/plain' ? 'text/plain; charset=utf-8' : file.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Whatever the bytes are, a browser opening them runs nothing: no script, no plugin, no form.
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    res.setHeader('Content-Disposition', contentDisposition(file.name, { type: isImageMime(file.mime) ? 'inline' : 'attachment' }));
    res.setHeader('Cache-Control', `private, max-age=${CACHE_SECONDS}, immutable`);
    res.send(file.bytes);
  });
}

const dialogQuery = z.object({ dialogId: z.string().min(1).max(64) });
const fileParams = z.object({ id: z.uuid(), signature: z.string().min(1).max(100) });

/** Who uploads, decided by the guard before the body is read. */
const uploaders = new WeakMap<Request, Uploader>();
const uploaderOf = (req: Request) => uploaders.get(req)!;

/** A visitor's upload comes from one of the site's pages (as their socket does), not from a blocked visitor. */
function visitorUploads(ctx: ChatContext, s: Services): RequestHandler {
  return async (req, res, next) => {
    const actor = res.locals.actor!;
    if (actor.kind !== 'visitor') throw forbidden('This address is for the chat widget; the panel uploads to /api/chat/attachments');
    const origin = req.headers.origin;
    if (!origin || !ctx.content.site(actor.siteId)?.origins.includes(origin)) {
      throw new HttpError(403, 'origin_not_allowed', "This page's address is not among the site's addresses");
    }
    if (await s.visitors.isBlocked(actor.visitorId)) throw new HttpError(403, 'blocked', 'Messages from you are not accepted');
    uploaders.set(req, { key: `v:${actor.visitorId}`, accountId: actor.accountId, siteId: actor.siteId, dialogId: null });
    next();
  };
}

/** An operator uploads into an open dialog of their own account. */
function operatorUploads(s: Services): RequestHandler {
  return async (req, res, next) => {
    const actor = res.locals.actor!;
    if (actor.kind !== 'user') throw forbidden('Visitors upload to /api/chat/public/attachments');
    const { dialogId } = parseOrThrow(dialogQuery, req.query);
    const dialog = await s.dialogs.get(actor.accountId, dialogId);
    if (dialog.status === 'closed') throw new HttpError(409, 'dialog_closed', 'The dialog is closed');
    uploaders.set(req, { key: `u:${actor.userId}`, accountId: actor.accountId, siteId: dialog.site_id, dialogId: dialog.id });
    next();
  };
}

const upload = multer({
  storage: multer.memoryStorage(),
  // Browsers send a file name's UTF-8 bytes as they are; busboy would read them as Latin-1.
  defParamCharset: 'utf8',
  limits: { fileSize: CHAT_LIMITS.fileBytes, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 20 },
}).single('file');

/**
 * Reads the multipart field `file` into memory, stopping at the size limit while it streams: a
 * request that announces more is refused before reading, one that sends more is cut off at it.
 */
const receiveFile: RequestHandler = (req, res, next) => {
  if (Number(req.headers['content-length'] ?? 0) > CHAT_LIMITS.fileBytes + ENVELOPE_BYTES) return next(tooLarge());
  if (!req.is('multipart/form-data')) return next(new HttpError(400, 'file_missing', 'Send the file as multipart/form-data in the field "file"'));
  upload(req, res, (err: unknown) => {
    if (!err) return next(req.file ? undefined : new HttpError(400, 'file_missing', 'Send the file in the multipart field "file"'));
    if (!(err instanceof multer.MulterError)) return next(new HttpError(400, 'upload_unreadable', 'The upload could not be read; try again'));
    if (err.code === 'LIMIT_FILE_SIZE') return next(tooLarge());
    if (err.code === 'LIMIT_UNEXPECTED_FILE') return next(new HttpError(400, 'file_missing', 'Send one file, in the multipart field "file"'));
    next(new HttpError(400, 'validation_failed', `The upload is malformed: ${err.message}`));
  });
};
