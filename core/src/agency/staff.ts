import type { UserRecord } from '../content/content.types.js';

/** users-permissions role of agency staff (seeded by the CMS, cms/…/services/setup.ts). */
export const AGENCY_STAFF_ROLE = 'agency-staff';

/** Agency staff run client accounts and belong to none: never an account's admin or operator. */
export const isAgencyStaff = (user: UserRecord): boolean => user.role === AGENCY_STAFF_ROLE && !user.account && Boolean(user.agency);
