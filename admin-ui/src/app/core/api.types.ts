/**
 * Wire types of the core's REST API (see the backend contract). Kept in one place so that
 * pages, services and tests agree on the shapes.
 */
export type Locale = 'ru' | 'en';
export type Role = 'admin' | 'operator';
/**
 * What a signed-in user is: an account's admin or operator, agency staff (their own console), or
 * agency staff visiting an account's panel read-only (`support`, issue 15).
 */
export type UserRole = Role | 'agency' | 'support';
export type MemberStatus = 'active' | 'invited' | 'disconnected';

export interface User {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  role: UserRole;
  /** Empty for agency staff. */
  accountId: string;
  /** For agency staff, their agency's name. */
  accountName: string;
  locale: Locale;
  /** A4: absolute address of the profile picture, or null. */
  avatarUrl: string | null;
}

export interface AuthResponse {
  accessToken: string;
  refreshToken: string;
  user: User;
}

export interface Invitation {
  email: string;
  accountName: string;
  firstName: string;
  lastName: string;
}

export interface Site {
  id: string;
  name: string;
  url: string;
  origins: string[];
  publicKey: string;
  chatLanguage: Locale;
  createdAt: string;
}

export interface InstallCode {
  afterBody: string;
  anywhere: string;
}

export interface TeamMember {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  status: MemberStatus;
}

export interface InviteRequest {
  email: string;
  firstName?: string;
  lastName?: string;
  role: Role;
}

export interface PluginInfo {
  id: string;
  title: Record<Locale, string>;
}

/** The agency console's wire types live with the core's routes. */
export type { ClientPlugin, ClientView, InstalledPlugin, NewClient } from '../../../../core/src/agency/clients.contract';
export type { AccessLog, AccessLogEntry, SupportSession } from '../../../../core/src/agency/support.contract';

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
  };
}
