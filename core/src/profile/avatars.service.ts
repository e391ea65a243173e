import type { ContentStore } from '../content/content-store.js';
import type { MediaFileRecord, UserRecord } from '../content/content.types.js';
import type { MediaFiles } from '../content/media-files.js';
import { unauthorized } from '../http/http-error.js';
import type { EventBus } from '../kernel/event-bus.js';
import { avatarKind } from './avatar-upload.js';

/**
 * A4: users' profile pictures, kept in Strapi's media library (admin content, next to logos) and
 * served to browsers by the core from memory (content/media-files.ts).
 */
export class AvatarsService {
  constructor(
    private readonly content: ContentStore,
    private readonly media: MediaFiles,
    private readonly bus: EventBus,
  ) {}

  /**
   * Checks the bytes, stores them as a new media file, points the user at it, then removes the
   * previous file. A failure half-way leaves the user as they were, with no new file behind.
   */
  async replace(userId: number, accountId: string, bytes: Buffer): Promise<UserRecord> {
    const kind = await avatarKind(bytes);
    const previous = this.user(userId).avatar;
    const file = await this.media.store(bytes, `avatar-${userId}.${kind.ext}`, kind.mime);
    let updated: UserRecord;
    try {
      updated = await this.content.client.updateUser(userId, { avatar: file.id });
    } catch (err) {
      await this.media.removeQuietly(file);
      throw err;
    }
    return this.changed(accountId, updated, previous);
  }

  async remove(userId: number, accountId: string): Promise<UserRecord> {
    const previous = this.user(userId).avatar;
    if (!previous) return this.user(userId);
    return this.changed(accountId, await this.content.client.updateUser(userId, { avatar: null }), previous);
  }

  /** The bytes of a user's current avatar, when `fileId` is it; undefined otherwise (404). */
  async file(userId: number, fileId: string): Promise<{ bytes: Buffer; mime: string } | undefined> {
    const avatar = this.content.user(userId)?.avatar;
    if (!avatar || avatar.documentId !== fileId) return undefined;
    const bytes = await this.media.bytes(avatar);
    return bytes && { bytes, mime: avatar.mime };
  }

  private user(userId: number): UserRecord {
    const user = this.content.user(userId);
    if (!user) throw unauthorized();
    return user;
  }

  private async changed(accountId: string, updated: UserRecord, previous: MediaFileRecord | null | undefined): Promise<UserRecord> {
    this.content.upsertLocal('users', updated);
    if (previous) await this.media.removeQuietly(previous);
    // Visitors see operators' pictures: open widgets are told.
    this.bus.publish('core.user.updated', { accountId, userId: updated.id });
    return updated;
  }
}
