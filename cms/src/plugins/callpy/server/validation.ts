import * as z from 'zod';
import { badRequest } from './errors';

/**
 * Request bodies of the core-facing user routes. Unknown keys are rejected so a typo in the
 * core's client fails loudly instead of being silently ignored.
 */

// Strapi's email attribute accepts what this accepts; kept simple on purpose.
const email = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address')
  .transform((v) => v.toLowerCase());

// bcrypt ignores bytes past 72: refuse them rather than accept a password that is only
// partly checked. 6 is users-permissions' own minimum.
const password = z
  .string()
  .min(6, 'must be at least 6 characters')
  .refine((v) => Buffer.byteLength(v, 'utf8') <= 72, 'must be at most 72 bytes');

const optionalText = z.string().trim().max(255).nullable().optional();

export const ROLE_TYPES = ['account-admin', 'operator', 'agency-staff'] as const;
const role = z.enum(ROLE_TYPES);
const panelLocale = z.enum(['ru', 'en']);
const documentId = z.string().trim().min(1).max(64);

export const createUserBody = z
  .object({
    email,
    password,
    firstName: optionalText,
    lastName: optionalText,
    phone: optionalText,
    panelLocale: panelLocale.optional(),
    account: documentId.optional(),
    agency: documentId.optional(),
    role,
    blocked: z.boolean().optional(),
    confirmed: z.boolean().optional(),
  })
  .strict()
  // Agency staff belong to an agency and no account; everyone else to exactly one account.
  .refine((v) => (v.role === 'agency-staff' ? v.agency !== undefined && v.account === undefined : v.account !== undefined && v.agency === undefined), {
    message: 'agency staff need an agency and no account; account users need an account and no agency',
    path: ['role'],
  });

export const updateUserBody = z
  .object({
    email: email.optional(),
    password: password.optional(),
    firstName: optionalText,
    lastName: optionalText,
    phone: optionalText,
    panelLocale: panelLocale.optional(),
    blocked: z.boolean().optional(),
    confirmed: z.boolean().optional(),
    role: role.optional(),
    // A4: a media-library file id (POST /api/upload answers with it), or null to remove it.
    avatar: z.number().int().positive().nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update: send at least one field');

export const verifyPasswordBody = z
  .object({
    email: z.string().trim().min(1).max(254).transform((v) => v.toLowerCase()),
    password: z.string().min(1).max(1024),
  })
  .strict();

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;

/** Parses or throws a 400 whose message lists every problem ("email: must be ..."). */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('Request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message,
    }));
    const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    throw badRequest(`Invalid body: ${message}`, { errors: issues });
  }
  return result.data;
}
