import type { Core } from '@strapi/strapi';
import { conflict, invalidCredentials, notFound, badRequest, HttpError } from '../errors';
import type { CreateUserInput, UpdateUserInput } from '../validation';

export const USER_UID = 'plugin::users-permissions.user';
const ROLE_UID = 'plugin::users-permissions.role';
const ACCOUNT_UID = 'plugin::callpy.account';
const AGENCY_UID = 'plugin::callpy.agency';
const FILE_UID = 'plugin::upload.file';

/** The user as the core sees it: never a password, reset or confirmation token. */
export interface CoreUser {
  id: number;
  documentId: string;
  username: string;
  email: string;
  provider: string | null;
  confirmed: boolean;
  blocked: boolean;
  role: string | null;
  account: string | null;
  /** Agency staff only: the agency whose client accounts they run. */
  agency: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  panelLocale: string | null;
  /** A4: the profile picture in the media library; the core serves it to browsers. */
  avatar: CoreUserAvatar | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface CoreUserAvatar {
  id: number;
  documentId: string;
  url: string;
  mime: string;
}

// A whitelist: the password columns are never even read, except by verifyPassword.
export const USER_FIELDS = [
  'id',
  'documentId',
  'username',
  'email',
  'provider',
  'confirmed',
  'blocked',
  'firstName',
  'lastName',
  'phone',
  'panelLocale',
  'createdAt',
  'updatedAt',
];

export const USER_POPULATE = {
  role: { select: ['type'] },
  account: { select: ['documentId'] },
  agency: { select: ['documentId'] },
  avatar: { select: ['id', 'documentId', 'url', 'mime'] },
};

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

export function toCoreUser(row: any): CoreUser {
  return {
    id: row.id,
    documentId: row.documentId,
    username: row.username,
    email: row.email,
    provider: row.provider ?? null,
    confirmed: Boolean(row.confirmed),
    blocked: Boolean(row.blocked),
    role: row.role?.type ?? null,
    account: row.account?.documentId ?? null,
    agency: row.agency?.documentId ?? null,
    firstName: row.firstName ?? null,
    lastName: row.lastName ?? null,
    phone: row.phone ?? null,
    panelLocale: row.panelLocale ?? null,
    avatar: row.avatar ? { id: row.avatar.id, documentId: row.avatar.documentId, url: row.avatar.url, mime: row.avatar.mime } : null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

// A bcrypt hash of a random string, compared against when the e-mail is unknown so that
// "no such user" and "wrong password" take the same time.
const DUMMY_HASH = '$2a$10$xETl6k9Sq53V4lWjX8BcverrHr.EFd0TovQjXdn28mfDiNMkyaupu';

const isUniqueViolation = (err: any) =>
  /unique|duplicate/i.test(String(err?.message ?? '')) ||
  err?.code === '23505' ||
  err?.code === 'SQLITE_CONSTRAINT_UNIQUE';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.db.query(USER_UID as any);
  const userService = () => strapi.plugin('users-permissions').service('user');

  async function findRole(type: string) {
    const role = await strapi.db.query(ROLE_UID as any).findOne({ where: { type } });
    if (!role) {
      // Seeded at every start; missing means someone deleted it in the admin panel.
      throw new HttpError(500, 'InternalServerError', `users-permissions role "${type}" is missing`);
    }
    return role;
  }

  async function assertEmailFree(email: string, exceptId?: number) {
    const where: any = { $or: [{ email: { $eqi: email } }, { username: { $eqi: email } }] };
    if (exceptId !== undefined) where.id = { $ne: exceptId };
    const taken = await users().findOne({ where, select: ['id'] });
    if (taken) throw conflict(`A user with e-mail ${email} already exists`, { email });
  }

  /** An uploaded image of the media library, by its numeric id (what the upload answers with). */
  async function findImage(id: number): Promise<number> {
    const file = await strapi.db.query(FILE_UID as any).findOne({ where: { id }, select: ['id', 'mime'] });
    if (!file) throw badRequest(`avatar: file ${id} does not exist in the media library`, { avatar: id });
    if (!String(file.mime).startsWith('image/')) throw badRequest(`avatar: file ${id} is not an image`, { avatar: id });
    return file.id;
  }

  async function findById(id: number): Promise<CoreUser | null> {
    const row = await users().findOne({ where: { id }, select: USER_FIELDS, populate: USER_POPULATE });
    return row ? toCoreUser(row) : null;
  }

  return {
    findById,

    async findAll(): Promise<CoreUser[]> {
      const rows = await users().findMany({
        select: USER_FIELDS,
        populate: USER_POPULATE,
        orderBy: { id: 'asc' },
      });
      return rows.map(toCoreUser);
    },

    /**
     * Creates a local user through users-permissions' own service (Document Service
     * underneath): the password is bcrypt-hashed exactly as /api/auth/local expects, and
     * entry.create fires, so the webhook tells every core process.
     */
    async create(input: CreateUserInput): Promise<CoreUser> {
      await assertEmailFree(input.email);
      const owner = input.agency !== undefined ? { uid: AGENCY_UID, key: 'agency', documentId: input.agency } : { uid: ACCOUNT_UID, key: 'account', documentId: input.account! };
      const found = await strapi.db.query(owner.uid as any).findOne({ where: { documentId: owner.documentId }, select: ['id', 'documentId'] });
      if (!found) throw badRequest(`${owner.key} ${owner.documentId} does not exist`, { [owner.key]: owner.documentId });
      const role = await findRole(input.role);
      let created: any;
      try {
        created = await userService().add({
          username: input.email,
          email: input.email,
          password: input.password,
          provider: 'local',
          // Created by an admin, so confirmed unless the caller runs an invitation flow.
          confirmed: input.confirmed ?? true,
          blocked: input.blocked ?? false,
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          phone: input.phone ?? null,
          ...(input.panelLocale ? { panelLocale: input.panelLocale } : {}),
          role: role.documentId,
          [owner.key]: found.documentId,
        });
      } catch (err) {
        // Lost a race with another create of the same e-mail (username is unique).
        if (isUniqueViolation(err)) throw conflict(`A user with e-mail ${input.email} already exists`);
        throw err;
      }
      return (await findById(created.id))!;
    },

    async update(id: number, input: UpdateUserInput): Promise<CoreUser> {
      const existing = await users().findOne({ where: { id }, select: ['id', 'documentId'] });
      if (!existing) throw notFound(`User ${id} does not exist`);
      const data: Record<string, unknown> = {};
      for (const key of ['password', 'firstName', 'lastName', 'phone', 'panelLocale', 'blocked', 'confirmed'] as const) {
        if (input[key] !== undefined) data[key] = input[key];
      }
      if (input.email !== undefined) {
        await assertEmailFree(input.email, id);
        data.email = input.email;
        data.username = input.email;
      }
      if (input.role !== undefined) data.role = (await findRole(input.role)).documentId;
      if (input.avatar !== undefined) data.avatar = input.avatar === null ? null : await findImage(input.avatar);
      try {
        await userService().edit(id, data);
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A user with e-mail ${input.email} already exists`);
        throw err;
      }
      return (await findById(id))!;
    },

    /** Deletes through the Document Service, so entry.delete reaches the webhook. */
    async remove(id: number): Promise<CoreUser> {
      const existing = await findById(id);
      if (!existing) throw notFound(`User ${id} does not exist`);
      await strapi.documents(USER_UID as any).delete({ documentId: existing.documentId });
      return existing;
    },

    /** 200 with the user (blocked ones too: the core decides), or 401. Case-insensitive e-mail. */
    async verifyPassword(email: string, password: string): Promise<CoreUser> {
      const row = await users().findOne({
        where: { email: { $eqi: email } },
        select: ['id', 'password'],
      });
      const hash = typeof row?.password === 'string' && row.password ? row.password : DUMMY_HASH;
      const ok = await userService().validatePassword(password, hash);
      if (!row || !row.password || !ok) throw invalidCredentials();
      return (await findById(row.id))!;
    },
  };
};
