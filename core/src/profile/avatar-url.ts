import type { UserRecord } from '../content/content.types.js';

/** Where the core serves avatars under /api (profile/avatars.routes.ts). */
export const AVATARS_ROUTE = '/public/avatars';

/**
 * A user's avatar as browsers fetch it — through the core, since browsers never talk to Strapi —
 * at an address naming the media file, so a new picture gets a new address and each may be
 * cached for good. Absolute: the widget runs on visitors' sites, not on the core's origin.
 */
export function avatarUrl(user: Pick<UserRecord, 'id' | 'avatar'> | undefined, publicUrl: string): string | null {
  return user?.avatar ? `${publicUrl}/api${AVATARS_ROUTE}/${user.id}/${user.avatar.documentId}` : null;
}
