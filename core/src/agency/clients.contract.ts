/**
 * The agency console's clients as the core's REST API (/api/agency) and the panel see them.
 * Types only, no imports: the panel imports this file too.
 */

type Localized = { ru: string; en: string };

/** One client account as the «Клиенты» list shows it. */
export interface ClientView {
  id: string;
  name: string;
  timezone: string;
  language: 'ru' | 'en';
  createdAt: string;
  sites: { id: string; name: string; url: string }[];
  /** Members who are not disconnected (invited ones hold a seat too); `allowed` is null where no plugin limits seats. */
  operators: { used: number; allowed: number | null };
  plugins: { id: string; title: Localized }[];
  /** The licence's plan and paid period, where a plugin (billing, A9) keeps licences; else null. */
  licence: ClientLicence | null;
  /** The last time one of its members got a session token, or null if nobody ever signed in. */
  lastActiveAt: string | null;
  /** Plugins' figures about the account (kernel/account-figures.ts), e.g. the chat's dialogs this month. */
  figures: { id: string; title: Localized; value: number }[];
}

/** An account's licence as the core's account limits tell it (kernel/account-limits.ts). */
export interface ClientLicence {
  plan: string;
  title: Localized;
  seats: number | null;
  paidUntil: string | null;
  expired: boolean;
}

/** POST /api/agency/clients: the account, its first site's address and its first admin's e-mail. */
export interface NewClient {
  name: string;
  timezone: string;
  language: 'ru' | 'en';
  siteUrl: string;
  adminEmail: string;
}

/** GET /api/agency/plugins: a plugin this installation runs. */
export interface InstalledPlugin {
  id: string;
  title: Localized;
}

/** A7: an installed plugin and whether the client has it. */
export interface ClientPlugin {
  id: string;
  title: Localized;
  enabled: boolean;
  /** The plugin has per-site settings (its manifest's `settings.site`): staff edit them per client site. */
  siteSettings: boolean;
}
