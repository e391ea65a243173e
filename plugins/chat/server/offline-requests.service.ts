import { HttpError, type Locale, type SiteRecord } from '../../../core/src/index.js';
import type { ChatContext } from './chat.db.js';
import { MailClock, offlineMail } from './chat.mail.js';
import type { DialogRow, DialogsService } from './dialogs.service.js';
import type { MessageRow, MessagesService } from './messages.service.js';
import type { PresenceService } from './presence.service.js';
import type { VisitorRef, VisitorsService } from './visitors.service.js';

export interface OfflineForm {
  /** The widget's id of this submission; its retries carry the same one. */
  clientId: string;
  name: string;
  email: string;
  phone?: string | undefined;
  text: string;
}

/** How many offline requests one visitor, one address and one site may send per hour. */
export interface OfflineLimits {
  visitor: number;
  address: number;
  site: number;
}

/** Where a stored request went in the chat: the socket handler tells the panels. */
export interface OfflinePosted {
  dialog: DialogRow;
  /** The dialog was opened by this request. */
  opened: boolean;
  /** The note and the visitor's message, those stored now (a retry stores none). */
  created: MessageRow[];
}

const WINDOW_MS = 3600_000;

const NOTE: Record<Locale, (f: OfflineForm) => string> = {
  ru: (f) => `Заявка из офлайн-формы: ${[f.name, f.email, f.phone].filter(Boolean).join(' · ')}`,
  en: (f) => `Offline form request: ${[f.name, f.email, f.phone].filter(Boolean).join(' · ')}`,
};

/**
 * H6: what a visitor leaves while nobody answers (nobody online, or outside the site's working
 * hours). It becomes a conversation, as in Jivo or Crisp (docs/decisions.md): the visitor's card
 * gets the contacts, the request opens (or joins) the visitor's dialog — a note with the contacts,
 * then the text as their message — so it waits in My messages and the operator answers there (the
 * visitor sees it on return) or by e-mail. And it is mailed to the site's addresses — or, with the
 * site's switch off or no addresses given, to the account's administrators.
 */
export class OfflineRequestsService {
  constructor(
    private readonly ctx: ChatContext,
    private readonly deps: { visitors: VisitorsService; dialogs: DialogsService; messages: MessagesService; presence: PresenceService },
  ) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  /**
   * Stores the form, posts it into the chat and mails it, once per `(visitor, clientId)`: a retry
   * of a submission already stored does nothing (null). Refused while someone could answer in the
   * chat (`chat_online`), for a blocked visitor, and past the hourly limits (`offline_limit`).
   * When the mail fails the row is removed again, so the retry sends it.
   */
  async submit(v: VisitorRef, form: OfflineForm, ip: string): Promise<OfflinePosted | null> {
    if ((await this.deps.presence.gateOf(v.accountId, v.siteId)).online) throw new HttpError(409, 'chat_online', 'Operators are online: write in the chat');
    // A socket that has not greeted has no visitor to post for (404); the widget always greets first.
    if ((await this.deps.visitors.get(v.accountId, v.visitorId)).blocked) throw new HttpError(403, 'blocked', 'Messages from you are not accepted');
    const address = await this.deps.visitors.addressOf(ip);
    const now = Date.now();
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
        created_at: now,
        address_hash: address ?? '',
      })
      .onConflict((oc) => oc.columns(['visitor_id', 'client_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    const forget = () => this.db.deleteFrom('chat_offline_requests').where('id', '=', inserted.id).execute();
    if (await this.overLimit(inserted.id, v.siteId, v.visitorId, address, now)) {
      await forget();
      throw new HttpError(429, 'offline_limit', 'Too many offline requests; we will answer those already sent');
    }
    await this.deps.visitors.fillContacts(v, form);
    const posted = await this.post(v, form);
    try {
      await this.mail(v, form, now);
    } catch (err) {
      await forget();
      throw err;
    }
    // Only now is it a request: one over the limits or whose mail failed is gone again.
    const scope = { accountId: v.accountId, siteId: v.siteId, dialogId: posted.dialog.id, visitorId: v.visitorId, at: now };
    this.ctx.events.publish('chat.offlineRequest.created', { ...scope, requestId: inserted.id, name: form.name, email: form.email, phone: form.phone ?? '', text: form.text });
    return posted;
  }

  /**
   * Counted after the insert, over the requests stored before this one: submissions racing each
   * other (several tabs, several core processes) cannot all pass a check made before any is stored.
   */
  private async overLimit(id: number, siteId: string, visitorId: string, address: string | null, now: number): Promise<boolean> {
    const limits = this.ctx.options.offlinePerHour;
    const row = await this.db
      .selectFrom('chat_offline_requests')
      .where('site_id', '=', siteId)
      .where('created_at', '>', now - WINDOW_MS)
      .where('id', '<=', id)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('site'),
        eb.fn.sum<number | string | null>(eb.case().when('visitor_id', '=', visitorId).then(1).else(0).end()).as('visitor'),
        // An address that tells nobody apart (null) is not limited as one: the visitor and site limits hold.
        eb.fn.sum<number | string | null>(eb.case().when('address_hash', '=', address ?? '-').then(1).else(0).end()).as('address'),
      ])
      .executeTakeFirstOrThrow();
    return Number(row.visitor ?? 0) > limits.visitor || Number(row.address ?? 0) > limits.address || Number(row.site) > limits.site;
  }

  /** The note and the text in the visitor's open dialog, or a new one; both idempotent by the form's clientId. */
  private async post(v: VisitorRef, form: OfflineForm): Promise<OfflinePosted> {
    const { dialogs, messages } = this.deps;
    const open = await dialogs.openOf(v.visitorId);
    const { dialog, created: opened } = open ? { dialog: open, created: false } : await dialogs.startByVisitor(v, 'offline-form');
    const locale = this.ctx.content.account(v.accountId)?.language ?? 'ru';
    // A millisecond before the text, so every list shows the note first.
    const at = Date.now() - 1;
    const note = await messages.store({ dialog, channel: 'offline-form', senderKey: `offline:${v.visitorId}`, clientId: form.clientId, authorKind: 'system', authorUserId: null, text: NOTE[locale](form), createdAt: at });
    const text = await messages.store({ dialog, channel: 'offline-form', senderKey: `v:${v.visitorId}`, clientId: form.clientId, authorKind: 'visitor', authorUserId: null, text: form.text });
    return { dialog, opened, created: [note, text].filter((m) => m.created).map((m) => m.row) };
  }

  private async mail(v: VisitorRef, form: OfflineForm, sentAt: number): Promise<void> {
    const site = this.ctx.content.site(v.siteId);
    const account = this.ctx.content.account(v.accountId);
    const clock = new MailClock(account?.timezone);
    for (const to of this.recipients(v.accountId, site)) await this.ctx.mail.send(offlineMail(to, account?.language ?? 'ru', site?.url ?? '', form, sentAt, clock));
  }

  private recipients(accountId: string, site: SiteRecord | undefined): string[] {
    const settings = site && this.ctx.settings.site(site.documentId).offlineForm;
    if (settings?.enabled && settings.emails.length) return settings.emails;
    return this.ctx.content
      .usersOf(accountId)
      .filter((u) => u.role === 'account-admin' && !u.blocked)
      .map((u) => u.email);
  }
}
