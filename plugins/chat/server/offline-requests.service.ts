import type { SiteRecord } from '../../../core/src/content/content.types.js';
import { offlineFormOf } from '../../../core/src/index.js';
import type { ChatContext } from './chat.db.js';
import { offlineMail } from './chat.mail.js';
import type { VisitorRef } from './visitors.service.js';

export interface OfflineForm {
  /** The widget's id of this submission; its retries carry the same one. */
  clientId: string;
  name: string;
  email: string;
  phone?: string | undefined;
  text: string;
}

/**
 * H6: what a visitor leaves while nobody answers (nobody online, or outside the site's working
 * hours), stored and mailed to the site's addresses — or, with the site's switch off or no
 * addresses given, to the account's administrators: a question left on the site is never unread.
 */
export class OfflineRequestsService {
  constructor(private readonly ctx: ChatContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  /**
   * Stores the form and mails it, once per `(visitor, clientId)`: a retry of a submission already
   * stored does nothing. When the mail fails the row is removed again, so the retry sends it.
   */
  async submit(v: VisitorRef, form: OfflineForm): Promise<void> {
    const inserted = await this.db
      .insertInto('chat_offline_requests')
      .values({
        account_id: v.accountId,
        site_id: v.siteId,
        visitor_id: v.visitorId,
        client_id: form.clientId,
        name: form.name,
        email: form.email,
        phone: form.phone ?? '',
        text: form.text,
        created_at: Date.now(),
      })
      .onConflict((oc) => oc.columns(['visitor_id', 'client_id']).doNothing())
      .executeTakeFirst();
    if (!Number(inserted.numInsertedOrUpdatedRows ?? 0)) return;
    try {
      await this.mail(v, form);
    } catch (err) {
      await this.db.deleteFrom('chat_offline_requests').where('visitor_id', '=', v.visitorId).where('client_id', '=', form.clientId).execute();
      throw err;
    }
  }

  private async mail(v: VisitorRef, form: OfflineForm): Promise<void> {
    const site = this.ctx.content.site(v.siteId);
    const account = this.ctx.content.account(v.accountId);
    for (const to of this.recipients(v.accountId, site)) await this.ctx.mail.send(offlineMail(to, account?.language ?? 'ru', site?.url ?? '', form));
  }

  private recipients(accountId: string, site: SiteRecord | undefined): string[] {
    const settings = site && offlineFormOf(site);
    if (settings?.enabled && settings.emails.length) return settings.emails;
    return this.ctx.content
      .usersOf(accountId)
      .filter((u) => u.role === 'account-admin' && !u.blocked)
      .map((u) => u.email);
  }
}
