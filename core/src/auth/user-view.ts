import type { ContentStore } from '../content/content-store.js';
import type { Locale, UserRecord } from '../content/content.types.js';
import { isAgencyStaff } from '../agency/staff.js';
import type { SupportActor, UserRole } from '../kernel/actor.js';
import { avatarUrl } from '../profile/avatar-url.js';
import { roleOf } from './actor-resolver.js';

/** What the panel gets to know about a signed-in user. */
export interface UserView {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  /**
   * `agency`: agency staff, who run client accounts and belong to none (their pages: core/src/agency).
   * `support`: agency staff visiting a client's panel read-only (issue 15).
   */
  role: UserRole | 'agency' | 'support';
  /** Empty for agency staff; the visited account for a support visit. */
  accountId: string;
  /** For agency staff, their agency's name. */
  accountName: string;
  locale: Locale;
  /** A4: absolute address of the profile picture, or null. */
  avatarUrl: string | null;
}

export function toUserView(user: UserRecord, content: ContentStore, publicUrl: string): UserView {
  const accountId = user.account ?? '';
  const staff = isAgencyStaff(user);
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName ?? '',
    lastName: user.lastName ?? '',
    phone: user.phone ?? '',
    role: staff ? 'agency' : (roleOf(user) ?? 'operator'),
    accountId,
    accountName: (staff ? content.agency(user.agency ?? '')?.name : content.account(accountId)?.name) ?? '',
    locale: user.panelLocale,
    avatarUrl: avatarUrl(user, publicUrl),
  };
}

/** A support visit as the panel knows its user: the staff member, in the visited account. */
export function toSupportView(actor: SupportActor, staff: UserRecord, content: ContentStore, publicUrl: string): UserView {
  return { ...toUserView(staff, content, publicUrl), role: 'support', accountId: actor.accountId, accountName: content.account(actor.accountId)?.name ?? '' };
}
