import type { SessionStore } from '../auth/session-store.js';
import type { ContentStore } from '../content/content-store.js';
import type { AccountRecord } from '../content/content.types.js';
import { HttpError, notFound } from '../http/http-error.js';
import type { AccountFigureRegistry, FigureValue } from '../kernel/account-figures.js';
import type { AccountLimitRegistry } from '../kernel/account-limits.js';
import type { Clock } from '../kernel/clock.js';
import type { PluginResolution } from '../kernel/plugin-enablement.js';
import type { SitesService } from '../sites/sites.service.js';
import type { TeamService } from '../team/team.service.js';
import type { ClientPlugin, ClientView, InstalledPlugin, NewClient } from './clients.contract.js';

/**
 * The agency console's clients (issue 15): an agency's staff see and change only the accounts of
 * their own agency; another agency's account answers as an unknown one, so ids cannot be probed.
 * A new client's first site and first admin go through the panel's own paths (SitesService's
 * «Добавить сайт», TeamService's invitation), so keys, origins, mail and link are theirs exactly.
 */
export class ClientsService {
  constructor(
    private readonly deps: {
      content: ContentStore;
      sites: SitesService;
      team: TeamService;
      sessions: SessionStore;
      plugins: PluginResolution;
      /** Plugins' limits on accounts: seats and licence in the list, plugins a plan does not include. */
      limits?: AccountLimitRegistry;
      /** Plugins' figures per account (the chat's dialogs this month): a column each in the list. */
      figures?: AccountFigureRegistry;
      clock?: Clock;
    },
  ) {}

  async list(agencyId: string): Promise<ClientView[]> {
    const { content, sessions } = this.deps;
    const accounts = content.accounts().filter((a) => a.agency === agencyId);
    const members = new Map(accounts.map((a) => [a.documentId, content.usersOf(a.documentId)]));
    const [lastActive, figures] = await Promise.all([
      sessions.lastActiveAt([...members.values()].flat().map((u) => u.id)),
      this.figuresOf(accounts),
    ]);
    return accounts.map((account) => {
      const users = members.get(account.documentId) ?? [];
      const times = users.map((u) => lastActive.get(u.id)).filter((t): t is number => t !== undefined);
      return {
        ...this.summary(account),
        operators: { used: users.filter((u) => !u.blocked).length, allowed: this.deps.limits?.seats(account.documentId) ?? null },
        lastActiveAt: times.length ? new Date(Math.max(...times)).toISOString() : null,
        figures: figures.get(account.documentId) ?? [],
      };
    });
  }

  /**
   * The account, its first site and its first admin's invitation, in one go: if a part fails, what
   * was made before it is removed again, so no half-made client remains.
   */
  async create(agencyId: string, input: NewClient): Promise<ClientView> {
    const { content, sites, team } = this.deps;
    // Checked before anything is written; the invitation checks again (another request may race).
    if (content.userByEmail(input.adminEmail)) {
      throw new HttpError(409, 'email_taken', 'A user with this e-mail already exists', { adminEmail: 'Already in use' });
    }
    const saved = await content.client.accounts.create({ name: input.name, timezone: input.timezone, language: input.language, agency: agencyId });
    // Strapi answers a create with the relation unpopulated; we know the agency we set.
    const account: AccountRecord = { ...saved, agency: agencyId };
    content.upsertLocal('accounts', account);
    let siteId: string | undefined;
    try {
      siteId = (await sites.create(account.documentId, new URL(input.siteUrl).hostname, input.siteUrl)).id;
      await team.invite(account.documentId, { email: input.adminEmail, role: 'admin' });
    } catch (err) {
      await this.undoCreate(account.documentId, siteId, input.adminEmail);
      throw err;
    }
    const figures = (await this.figuresOf([account])).get(account.documentId) ?? [];
    return { ...this.summary(account), operators: { used: 1, allowed: this.deps.limits?.seats(account.documentId) ?? null }, lastActiveAt: null, figures };
  }

  /** Every installed plugin with its title (the console picks among them, e.g. a plan's plugins). */
  installed(): InstalledPlugin[] {
    return this.deps.plugins.installed().map((m) => ({ id: m.id, title: m.title }));
  }

  /** Every installed plugin, with its title, whether the client has it and whether it has per-site settings (A7). */
  plugins(agencyId: string, accountId: string): ClientPlugin[] {
    this.own(agencyId, accountId);
    return this.deps.plugins.installed().map((m) => ({ id: m.id, title: m.title, enabled: this.deps.plugins.isEnabled(m, accountId), siteSettings: Boolean(m.settings?.site) }));
  }

  /**
   * Switches a plugin for the client. The content cache applies the record at once, and its
   * change tells the client's open panels `plugins.changed` (realtime/panel-namespace.ts).
   */
  async setPlugin(agencyId: string, accountId: string, pluginId: string, enabled: boolean): Promise<ClientPlugin[]> {
    this.own(agencyId, accountId);
    if (!this.deps.plugins.installed().some((m) => m.id === pluginId)) throw notFound('No such plugin installed');
    if (enabled && this.deps.limits && !this.deps.limits.allowsPlugin(accountId, pluginId)) {
      throw new HttpError(409, 'plugin_not_in_plan', "The client's plan does not include this plugin: change the plan first");
    }
    const manifest = this.deps.plugins.installed().find((m) => m.id === pluginId)!;
    const missing = enabled ? this.deps.plugins.missingFor(manifest, accountId) : [];
    if (missing.length > 0) {
      throw new HttpError(409, 'plugin_needs_plugin', `This plugin needs ${missing.map((m) => m.id).join(', ')}: switch that on first`);
    }
    const { content } = this.deps;
    const existing = content.pluginEnablement(accountId, pluginId);
    const saved = existing
      ? await content.client.pluginEnablements.update(existing.documentId, { enabled })
      : await content.client.pluginEnablements.create({ account: accountId, pluginId, enabled });
    content.upsertLocal('pluginEnablements', { ...saved, account: accountId });
    return this.plugins(agencyId, accountId);
  }

  private own(agencyId: string, accountId: string): AccountRecord {
    const account = this.deps.content.account(accountId);
    if (!account || account.agency !== agencyId) throw notFound('No such client of this agency');
    return account;
  }

  private async figuresOf(accounts: readonly AccountRecord[]): Promise<Map<string, FigureValue[]>> {
    const { figures, clock } = this.deps;
    if (!figures) return new Map();
    return figures.valuesFor(accounts.map((a) => ({ id: a.documentId, timezone: a.timezone })), clock?.now() ?? Date.now());
  }

  private summary(account: AccountRecord): Omit<ClientView, 'operators' | 'lastActiveAt' | 'figures'> {
    const { content, plugins } = this.deps;
    return {
      id: account.documentId,
      name: account.name,
      timezone: account.timezone,
      language: account.language,
      createdAt: account.createdAt,
      sites: content.sitesOf(account.documentId).map((s) => ({ id: s.documentId, name: s.name, url: s.url })),
      plugins: plugins.enabledFor(account.documentId).map(({ id, title }) => ({ id, title })),
      licence: this.deps.limits?.licence(account.documentId) ?? null,
    };
  }

  private async undoCreate(accountId: string, siteId: string | undefined, adminEmail: string): Promise<void> {
    const { content, sites } = this.deps;
    const invited = content.userByEmail(adminEmail);
    if (invited?.account === accountId) {
      await content.client.deleteUser(invited.id);
      content.removeLocal('users', invited.documentId);
    }
    if (siteId) await sites.remove(accountId, siteId);
    await content.client.accounts.remove(accountId);
    content.removeLocal('accounts', accountId);
  }
}
