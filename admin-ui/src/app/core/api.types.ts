/**
 * Wire types of the core's REST API (see the backend contract). Kept in one place so that
 * pages, services and tests agree on the shapes.
 */
export type Locale = 'ru' | 'en';
export type Role = 'admin' | 'operator';
/** What a signed-in user is: an account's admin or operator, or agency staff (their own console). */
export type UserRole = Role | 'agency';
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

/** A client account in the agency console's «Клиенты» list. */
export interface ClientSummary {
  id: string;
  name: string;
  timezone: string;
  language: Locale;
  createdAt: string;
  sites: { id: string; name: string; url: string }[];
  /** `allowed` is null until licences exist (A9): shown as «—». */
  operators: { used: number; allowed: number | null };
  plugins: PluginInfo[];
  lastActiveAt: string | null;
}

export interface NewClientRequest {
  name: string;
  timezone: string;
  language: Locale;
  siteUrl: string;
  adminEmail: string;
}

/** A7: an installed plugin and whether the client has it. */
export interface ClientPlugin extends PluginInfo {
  enabled: boolean;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
  };
}
