/** Records of the admin content store (Strapi) as the core sees them; relations are documentIds. */
export type Locale = 'ru' | 'en';

/** What every record of every content type has, whatever its owner (core or plugin). */
export interface ContentRecord {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export interface AccountRecord extends ContentRecord {
  name: string;
  timezone: string;
  /** Default language of the account's mail and new sites (`locale` is reserved by Strapi's i18n). */
  language: Locale;
  /** The agency that runs this client account (the CMS gives one without its agency the default one). */
  agency: string | null;
}

/** An agency: its staff see and change only its own client accounts (core/src/agency). */
export interface AgencyRecord extends ContentRecord {
  name: string;
}

export interface SiteRecord extends ContentRecord {
  name: string;
  url: string;
  origins: string[];
  publicKey: string;
  chatLanguage: Locale;
  /** I2: `{ always, intervals }` in the account's time zone; JSON, read leniently. */
  workingHours?: unknown;
  account: string | null;
}

export interface PluginEnablementRecord extends ContentRecord {
  account: string | null;
  pluginId: string;
  enabled: boolean;
  options: unknown;
}

export interface UserRecord extends ContentRecord {
  email: string;
  username: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  panelLocale: Locale;
  blocked: boolean;
  confirmed: boolean;
  /** users-permissions role type: 'account-admin', 'operator' or 'agency-staff'. */
  role: string | null;
  account: string | null;
  /** Agency staff only: their agency (they belong to no account). */
  agency: string | null;
  /** A4: the profile picture in Strapi's media library (the core serves it to browsers). */
  avatar?: MediaFileRecord | null;
}

/** A file of Strapi's media library as the snapshot gives it for a user. */
export interface MediaFileRecord {
  id: number;
  documentId: string;
  /** Host-less (`/uploads/…`) for Strapi's local provider, absolute for cloud providers. */
  url: string;
  mime: string;
}

/**
 * B3–B8: how a site's widget looks. The JSON fields are checked by the core before it writes
 * them and resolved leniently when read (an edit in the CMS admin may be anything): see
 * `sites/design.schema.ts`. One per site; should two exist, the latest saved counts.
 */
export interface WidgetDesignRecord extends ContentRecord {
  site: string | null;
  style: string | null;
  position: unknown;
  colors: unknown;
  captions: unknown;
  /** In the media library (the core serves it at /api/widget/logo/…). */
  logo: MediaFileRecord | null;
  /** A decimal: a number on SQLite, a string on PostgreSQL. */
  logoScale: number | string | null;
}

/**
 * A plugin's settings (`ctx.settings`): for one site, or account-wide. `value` is checked by the
 * core against the plugin's schema before it is written and parsed again when read (an edit in
 * the CMS admin may be anything): see kernel/plugin-settings.ts. One per plugin and scope; should
 * a race have written two, the latest saved counts.
 */
export interface PluginSettingRecord extends ContentRecord {
  pluginId: string;
  scope: 'site' | 'account';
  account: string | null;
  site: string | null;
  value: unknown;
}

/** The core's own content types in the snapshot, by their snapshot key (camelCased pluralName). */
export interface CoreSnapshot {
  agencies: AgencyRecord[];
  accounts: AccountRecord[];
  sites: SiteRecord[];
  pluginEnablements: PluginEnablementRecord[];
  widgetDesigns: WidgetDesignRecord[];
  pluginSettings: PluginSettingRecord[];
  users: UserRecord[];
}

/**
 * GET /api/callpy/snapshot: the core's types, and every type the plugins bring under its
 * camelCased pluralName (held as they come; a plugin reads its own through `ctx.content`).
 */
export type ContentSnapshot = CoreSnapshot & Record<string, ContentRecord[]>;

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
  /** A media-library file id, or null to remove the avatar. */
  avatar: number | null;
}>;
