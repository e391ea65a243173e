import type { Selectable } from 'kysely';
import { type Locale, notFound } from '../../../core/src/index.js';
import { CHAT_LIMITS, type ActivityState, type PageInfo, type PageView, type VisitorArrival, type VisitorBrief, type VisitorDto, type VisitorPresence } from '../shared/chat.protocol.js';
import type { ChatActor } from '../shared/chat.events.js';
import type { ChatContext } from './chat.db.js';
import type { ChatTables } from './chat.tables.js';
import { toPageView, toVisitor, toVisitorBrief } from './chat.dto.js';
import { addressKey, deviceOf, generatedName, locationText, placeOf } from './visitor-profile.js';

/**
 * How long a blocked visitor's address keeps blocking newcomers: home addresses are handed to
 * someone else within weeks, and one office or mobile carrier address is shared by many people.
 */
const ADDRESS_BLOCK_MS = 30 * 24 * 3600_000;

export interface VisitorRef {
  visitorId: string;
  siteId: string;
  accountId: string;
}

/** What a page load of the widget tells about the visitor. */
export interface Arrival {
  page: PageInfo;
  activity: ActivityState;
  /** Whether the chat window is open on that page; unknown leaves the stored value. */
  chatOpen: boolean | undefined;
  userAgent: string | undefined;
  ip: string;
}

/** Visitors and their live presence (C3, C4): who is on which page, doing what. */
export class VisitorsService {
  private secret: Promise<Buffer> | null = null;

  constructor(private readonly ctx: ChatContext) {}

  /** The stored form of an address (visitor-profile.ts addressKey), under this database's key. */
  async addressOf(ip: string): Promise<string | null> {
    this.secret ??= this.db
      .selectFrom('chat_keys')
      .select('secret')
      .where('name', '=', 'addresses')
      .executeTakeFirstOrThrow()
      .then((row) => Buffer.from(row.secret, 'base64url'));
    return addressKey(await this.secret, ip);
  }

  private get db() {
    return this.ctx.db.kysely;
  }

  /**
   * First contact of a page: creates the visitor if new (named after where they are, C3), records
   * the page, activity, chat window and location (which may move with a phone; the name stays).
   * Answers what operators are sent: the visitor without their history, and the new view.
   */
  async hello(ref: VisitorRef, arrival: Arrival, locale: Locale): Promise<VisitorArrival> {
    const now = Date.now();
    const { activity, chatOpen } = arrival;
    const place = placeOf(arrival.ip, locale);
    const address = await this.addressOf(arrival.ip);
    const existing = await this.db.selectFrom('chat_visitors').select('id').where('id', '=', ref.visitorId).executeTakeFirst();
    if (!existing) {
      // C13: a newcomer from a blocked visitor's address is that visitor without their old token.
      const blockedAddress =
        address &&
        (await this.db
          .selectFrom('chat_blocked_addresses')
          .select('visitor_id')
          .where('site_id', '=', ref.siteId)
          .where('address_hash', '=', address)
          .where('created_at', '>', now - ADDRESS_BLOCK_MS)
          .executeTakeFirst());
      await this.db
        .insertInto('chat_visitors')
        .values({
          id: ref.visitorId,
          account_id: ref.accountId,
          site_id: ref.siteId,
          generated_name: generatedName(ref.visitorId, locale, place),
          name: null,
          email: '',
          phone: '',
          notes: '',
          ...deviceOf(arrival.userAgent),
          location: locationText(place),
          activity,
          page_url: null,
          page_title: null,
          referrer: null,
          chat_open: 0,
          blocked: blockedAddress ? 1 : 0,
          first_seen_at: now,
          last_seen_at: now,
          address_hash: address,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    const view = await this.recordPage(ref.visitorId, arrival.page, now);
    await this.db
      .updateTable('chat_visitors')
      .set({
        activity,
        last_seen_at: now,
        address_hash: address,
        ...(place ? { location: locationText(place) } : {}),
        ...(chatOpen === undefined ? {} : { chat_open: chatOpen ? 1 : 0 }),
      })
      .where('id', '=', ref.visitorId)
      .execute();
    const visitor = await this.brief(ref.accountId, ref.visitorId);
    this.ctx.events.publish('chat.visitor.arrived', { accountId: ref.accountId, siteId: ref.siteId, visitorId: ref.visitorId, pageUrl: arrival.page.url, at: now });
    return { visitor, view };
  }

  /**
   * C15: the visitor's latest dialog (the open one, else the one closed last) when an operator asked
   * for its rating and none was given — so a widget reloaded after the request asks again.
   */
  async ratingRequestedFor(visitorId: string): Promise<string | null> {
    const latest = await this.db
      .selectFrom('chat_dialogs')
      .select(['id', 'rating', 'rating_requested_at'])
      .where('visitor_id', '=', visitorId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return latest && latest.rating_requested_at !== null && latest.rating === null ? latest.id : null;
  }

  /** Another page of the visit: the new view alone, as operators are sent it. */
  async page(ref: VisitorRef, page: PageInfo): Promise<{ view: PageView; lastSeenAt: string }> {
    const view = await this.recordPage(ref.visitorId, page, Date.now());
    return { view, lastSeenAt: view.at };
  }

  /** The tab's state, the chat window, or the visitor left (their last tab closed): what operators are sent. */
  async activity(ref: VisitorRef, state: ActivityState, chatOpen?: boolean): Promise<VisitorPresence> {
    const now = Date.now();
    await this.db
      .updateTable('chat_visitors')
      .set({ activity: state, last_seen_at: now, ...(chatOpen === undefined ? {} : { chat_open: chatOpen ? 1 : 0 }) })
      .where('id', '=', ref.visitorId)
      .execute();
    if (state === 'left') {
      await this.db.updateTable('chat_page_views').set({ left_at: now }).where('visitor_id', '=', ref.visitorId).where('left_at', 'is', null).execute();
    }
    const row = await this.db
      .selectFrom('chat_visitors')
      .select(['activity', 'chat_open', 'last_seen_at'])
      .where('id', '=', ref.visitorId)
      .where('account_id', '=', ref.accountId)
      .executeTakeFirst();
    if (!row) throw notFound('No such visitor');
    return { visitorId: ref.visitorId, activity: row.activity, chatOpen: row.chat_open === 1, lastSeenAt: new Date(row.last_seen_at).toISOString() };
  }

  /** The visitor's last tab closed. */
  async left(ref: VisitorRef): Promise<VisitorPresence> {
    const presence = await this.activity(ref, 'left');
    this.ctx.events.publish('chat.visitor.left', { accountId: ref.accountId, siteId: ref.siteId, visitorId: ref.visitorId, at: Date.now() });
    return presence;
  }

  /** Ends the open view and records the new one, which it answers. */
  private async recordPage(visitorId: string, page: PageInfo, now: number): Promise<PageView> {
    await this.db.updateTable('chat_page_views').set({ left_at: now }).where('visitor_id', '=', visitorId).where('left_at', 'is', null).execute();
    await this.db.insertInto('chat_page_views').values({ visitor_id: visitorId, url: page.url, title: page.title, referrer: page.referrer, at: now, left_at: null }).execute();
    await this.trimPages(visitorId);
    await this.db
      .updateTable('chat_visitors')
      .set({ page_url: page.url, page_title: page.title, referrer: page.referrer, last_seen_at: now })
      .where('id', '=', visitorId)
      .execute();
    return toPageView({ ...page, at: now, left_at: null });
  }

  /** Keeps the visitor's last `pagesKept` views (ids grow with each insert): one who keeps navigating stores no more. */
  private async trimPages(visitorId: string): Promise<void> {
    const oldestKept = await this.db
      .selectFrom('chat_page_views')
      .select('id')
      .where('visitor_id', '=', visitorId)
      .orderBy('id', 'desc')
      .offset(CHAT_LIMITS.pagesKept - 1)
      .limit(1)
      .executeTakeFirst();
    if (oldestKept) await this.db.deleteFrom('chat_page_views').where('visitor_id', '=', visitorId).where('id', '<', oldestKept.id).execute();
  }

  /** A visitor of this account, or 404 — never another account's. */
  async get(accountId: string, visitorId: string): Promise<VisitorDto> {
    const [visitor] = await this.hydrate([await this.rowOf(accountId, visitorId)]);
    return visitor!;
  }

  /** The same without their page history. */
  async brief(accountId: string, visitorId: string): Promise<VisitorBrief> {
    const [visitor] = await this.briefs([await this.rowOf(accountId, visitorId)]);
    return visitor!;
  }

  private async rowOf(accountId: string, visitorId: string): Promise<Selectable<ChatTables['chat_visitors']>> {
    const row = await this.db.selectFrom('chat_visitors').selectAll().where('id', '=', visitorId).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw notFound('No such visitor');
    return row;
  }

  /** Visitors on the account's sites now, and those who left in the last minutes. */
  async list(accountId: string): Promise<VisitorDto[]> {
    const since = Date.now() - this.ctx.options.recentVisitorMinutes * 60_000;
    const rows = await this.db
      .selectFrom('chat_visitors')
      .selectAll()
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('activity', '!=', 'left'), eb('last_seen_at', '>', since)]))
      .orderBy('last_seen_at', 'desc')
      .limit(500)
      .execute();
    return this.hydrate(rows);
  }

  /** Adds page views, the engaged flag and the open dialog with three queries for any number of visitors. */
  private async hydrate(rows: Selectable<ChatTables['chat_visitors']>[]): Promise<VisitorDto[]> {
    if (!rows.length) return [];
    const pages = await this.db.selectFrom('chat_page_views').selectAll().where('visitor_id', 'in', rows.map((r) => r.id)).orderBy('at', 'asc').execute();
    const { engaged, open } = await this.dialogsOf(rows);
    return rows.map((row) => {
      const own = pages.filter((p) => p.visitor_id === row.id);
      return toVisitor(row, own.slice(-CHAT_LIMITS.pagesKept), engaged.has(row.id), open.get(row.id) ?? null);
    });
  }

  private async briefs(rows: Selectable<ChatTables['chat_visitors']>[]): Promise<VisitorBrief[]> {
    const { engaged, open } = await this.dialogsOf(rows);
    return rows.map((row) => toVisitorBrief(row, engaged.has(row.id), open.get(row.id) ?? null));
  }

  /** Which of the visitors ever had a dialog (engaged), and their open one. */
  private async dialogsOf(rows: Selectable<ChatTables['chat_visitors']>[]) {
    const ids = rows.map((r) => r.id);
    const engaged = new Set((await this.db.selectFrom('chat_dialogs').select('visitor_id').distinct().where('visitor_id', 'in', ids).execute()).map((d) => d.visitor_id));
    const open = new Map(
      (await this.db.selectFrom('chat_dialogs').select(['visitor_id', 'id']).where('visitor_id', 'in', ids).where('status', '=', 'open').execute()).map((d) => [d.visitor_id, d.id]),
    );
    return { engaged, open };
  }

  async update(accountId: string, visitorId: string, changes: { name?: string; email?: string; phone?: string; notes?: string }): Promise<VisitorDto> {
    await this.get(accountId, visitorId);
    await this.db.updateTable('chat_visitors').set(changes).where('id', '=', visitorId).where('account_id', '=', accountId).execute();
    return this.get(accountId, visitorId);
  }

  /**
   * C13. Blocking also blocks the visitor's latest address on their site (a token is easy to drop);
   * unblocking frees it again, whichever visitor of that address the operator unblocks.
   */
  async block(accountId: string, visitorId: string, blocked: boolean, by: ChatActor): Promise<VisitorDto> {
    await this.get(accountId, visitorId);
    const row = await this.db.selectFrom('chat_visitors').select(['site_id', 'address_hash']).where('id', '=', visitorId).executeTakeFirstOrThrow();
    await this.db.updateTable('chat_visitors').set({ blocked: blocked ? 1 : 0 }).where('id', '=', visitorId).execute();
    if (blocked && row.address_hash) {
      await this.db
        .insertInto('chat_blocked_addresses')
        .values({ site_id: row.site_id, address_hash: row.address_hash, account_id: accountId, visitor_id: visitorId, created_at: Date.now() })
        .onConflict((oc) => oc.columns(['site_id', 'address_hash']).doUpdateSet({ visitor_id: visitorId, created_at: Date.now() }))
        .execute();
    } else if (!blocked) {
      await this.db
        .deleteFrom('chat_blocked_addresses')
        .where('site_id', '=', row.site_id)
        .where((eb) => eb.or([eb('visitor_id', '=', visitorId), ...(row.address_hash ? [eb('address_hash', '=', row.address_hash)] : [])]))
        .execute();
    }
    this.ctx.events.publish(blocked ? 'chat.visitor.blocked' : 'chat.visitor.unblocked', { accountId, siteId: row.site_id, visitorId, by, at: Date.now() });
    return this.get(accountId, visitorId);
  }

  /**
   * H6: what the visitor typed into the offline form lands in their card (C4), filling what is
   * empty: a name, e-mail or phone an operator entered stays theirs.
   */
  async fillContacts(ref: VisitorRef, contacts: { name: string; email: string; phone?: string | undefined }): Promise<void> {
    const row = await this.db.selectFrom('chat_visitors').select(['name', 'email', 'phone']).where('id', '=', ref.visitorId).where('account_id', '=', ref.accountId).executeTakeFirst();
    if (!row) return;
    const changes = {
      ...(row.name === null ? { name: contacts.name } : {}),
      ...(row.email === '' ? { email: contacts.email } : {}),
      ...(row.phone === '' && contacts.phone ? { phone: contacts.phone } : {}),
    };
    if (Object.keys(changes).length) await this.db.updateTable('chat_visitors').set(changes).where('id', '=', ref.visitorId).execute();
  }

  async isBlocked(visitorId: string): Promise<boolean> {
    const row = await this.db.selectFrom('chat_visitors').select('blocked').where('id', '=', visitorId).executeTakeFirst();
    return row?.blocked === 1;
  }
}
