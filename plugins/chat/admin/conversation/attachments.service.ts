import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { ErrorText } from '../../../../admin-ui/src/app/plugin-api';
import { type AttachmentDto, CHAT_HTTP, CHAT_LIMITS } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';

/** The file input's `accept`: the C7 types by extension. */
export const ACCEPTED_FILES = CHAT_LIMITS.fileExtensions.map((ext) => `.${ext}`).join(',');

const EXTENSIONS: readonly string[] = CHAT_LIMITS.fileExtensions;

/** A screenshot pasted from the clipboard has no useful name; give it one with the time. */
export function pastedFileName(type: string, now = new Date()): string {
  const ext = type === 'image/jpeg' ? 'jpg' : (type.split('/')[1] ?? 'png');
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `screenshot-${stamp}.${ext}`;
}

/** A refused upload, with what to tell the operator. */
export class UploadError extends Error {
  constructor(readonly text: ErrorText) {
    super(text.key ?? 'upload failed');
    this.name = 'UploadError';
  }
}

/**
 * C7 files: a quick check in the browser (type by extension, size) so the operator hears at once
 * about a file that cannot go, then the upload; the server checks the content and has the last word.
 */
@Injectable({ providedIn: 'root' })
export class AttachmentsService {
  private readonly http = inject(HttpClient);

  /** A translation key saying why the file cannot be sent, or null. */
  check(file: File): string | null {
    const ext = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
    if (!EXTENSIONS.includes(ext)) return 'chat.files.badType';
    if (file.size > CHAT_LIMITS.fileBytes) return 'chat.files.tooLarge';
    if (file.size === 0) return 'chat.files.empty';
    return null;
  }

  /** Uploads one file for the dialog; rejects with an UploadError (the words for its code). */
  async upload(dialogId: string, file: File): Promise<AttachmentDto> {
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      return await firstValueFrom(this.http.post<AttachmentDto>(CHAT_HTTP.operatorUpload, body, { params: { dialogId } }));
    } catch (err) {
      throw new UploadError(chatErrorText(err));
    }
  }
}
