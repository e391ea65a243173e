import type { AttachmentDto } from '../shared/chat.protocol.js';

/** A refused or failed upload: the server's error code and message (may be ''), or `network` when there was no answer. */
export class UploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isAttachment(v: unknown): v is AttachmentDto {
  const a = v as AttachmentDto | null;
  return !!a && typeof a.id === 'string' && typeof a.url === 'string' && typeof a.name === 'string';
}

/**
 * C7: one file to `POST <core>/api/chat/public/attachments` (multipart field `file`, the visitor
 * token as a bearer) → the stored attachment, whose id the message then carries. An abort rejects
 * with the signal's AbortError; anything else with an UploadError.
 */
export async function uploadFile(url: string, token: string, file: File, signal?: AbortSignal): Promise<AttachmentDto> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body, signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new UploadError('network', '');
  }
  const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (res.ok && isAttachment(json)) return json;
  // A proxy in front of the core may refuse a big body before the core sees it, without our JSON.
  throw new UploadError(json?.error?.code ?? (res.status === 413 ? 'file_too_large' : 'upload_failed'), json?.error?.message ?? '');
}
