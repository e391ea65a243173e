/** Records of the admin content store (Strapi) as the core sees them; relations are documentIds. */
export type Locale = 'ru' | 'en';

interface StrapiRecord {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export interface AccountRecord extends StrapiRecord {
  name: string;
  timezone: string;
  /** Default language of the account's mail and new sites (`locale` is reserved by Strapi's i18n). */
  language: Locale;
}

export interface SiteRecord extends StrapiRecord {
  name: string;
  url: string;
  origins: string[];
  publicKey: string;
  chatLanguage: Locale;
  /** H6: where the offline form's messages go; empty means the account's administrators. */
  offlineEmails?: string[] | null;
  account: string | null;
}

export interface PluginEnablementRecord extends StrapiRecord {
  account: string | null;
  pluginId: string;
  enabled: boolean;
  options: unknown;
}

/** A5: a group of the account's operators that dialogs are routed to. */
export interface DepartmentRecord extends StrapiRecord {
  name: string;
  account: string | null;
  /** documentIds of users-permissions users. */
  members: string[];
}

export interface UserRecord extends StrapiRecord {
  email: string;
  username: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  panelLocale: Locale;
  blocked: boolean;
  confirmed: boolean;
  /** users-permissions role type: 'account-admin' or 'operator'. */
  role: string | null;
  account: string | null;
}

export interface ContentSnapshot {
  accounts: AccountRecord[];
  sites: SiteRecord[];
  pluginEnablements: PluginEnablementRecord[];
  departments: DepartmentRecord[];
  users: UserRecord[];
}

export type CmsRole = 'account-admin' | 'operator';

export interface NewUser {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  account: string;
  role: CmsRole;
  blocked?: boolean;
  confirmed?: boolean;
}

export type UserChanges = Partial<{
  password: string;
  firstName: string;
  lastName: string;
  phone: string;
  panelLocale: Locale;
  blocked: boolean;
  confirmed: boolean;
  role: CmsRole;
}>;
