import { DestroyRef, Injectable, inject } from '@angular/core';
import type { SiteNotifications, SiteNotifyKind } from '../shared/chat-site-settings';
import { ChatSocket } from './background/chat-socket.service';

/** Where an event happened, as far as the panel knows: the site, or the dialog whose site is learnt from it. */
export interface NotifyWhere {
  siteId?: string | undefined;
  dialogId?: string | undefined;
}

/** A new dialog's site comes with its `dialog.updated`, right after its first message: this long is waited for it. */
const SITE_WAIT_MS = 1500;
/** Dialogs whose site is remembered (the most recent ones). */
const DIALOGS_KEPT = 500;

/**
 * C20 per site: which browser notifications each site of the account allows (Sites → Settings →
 * «Чат», the chat's per-site setting). The operator's own switches (ChatNotifications) can only narrow this. Loaded
 * after every (re)connect, kept current by `site.updated`. A site the panel does not know (the
 * dialog's site never heard of) counts as allowed when any site of the account allows the kind.
 */
@Injectable()
export class SiteNotifyRules {
  private readonly socket = inject(ChatSocket);
  private sites: Map<string, SiteNotifications> | null = null;
  private readonly dialogSites = new Map<string, string>();
  private readonly waiting = new Map<string, ((siteId: string) => void)[]>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor() {
    this.socket.onConnect(() => void this.load());
    this.socket.on('site.updated', (site) => this.sites?.set(site.id, site.notifications));
    this.socket.on('dialog.updated', (dialog) => this.learn(dialog.id, dialog.siteId));
    inject(DestroyRef).onDestroy(() => this.timers.forEach(clearTimeout));
  }

  /** Calls `show` if the site allows `kind` — now when the site is known, else once the dialog's site is (or after a short wait). */
  whenAllowed(kind: SiteNotifyKind, where: NotifyWhere, show: () => void): void {
    const siteId = where.siteId ?? (where.dialogId && this.dialogSites.get(where.dialogId));
    if (siteId || !where.dialogId) {
      if (this.allows(kind, siteId || undefined)) show();
      return;
    }
    const dialogId = where.dialogId;
    const decide = (site: string | undefined) => {
      clearTimeout(timer);
      this.timers.delete(timer);
      const others = (this.waiting.get(dialogId) ?? []).filter((w) => w !== decide);
      if (others.length) this.waiting.set(dialogId, others);
      else this.waiting.delete(dialogId);
      if (this.allows(kind, site)) show();
    };
    const timer = setTimeout(() => decide(undefined), SITE_WAIT_MS);
    this.timers.add(timer);
    this.waiting.set(dialogId, [...(this.waiting.get(dialogId) ?? []), decide]);
  }

  private allows(kind: SiteNotifyKind, siteId: string | undefined): boolean {
    if (!this.sites) return true;
    const site = siteId === undefined ? undefined : this.sites.get(siteId);
    return site ? site[kind] : !this.sites.size || [...this.sites.values()].some((s) => s[kind]);
  }

  private learn(dialogId: string, siteId: string): void {
    this.dialogSites.delete(dialogId);
    this.dialogSites.set(dialogId, siteId);
    if (this.dialogSites.size > DIALOGS_KEPT) this.dialogSites.delete(this.dialogSites.keys().next().value!);
    const waiting = this.waiting.get(dialogId);
    this.waiting.delete(dialogId);
    waiting?.forEach((decide) => decide(siteId));
  }

  private async load(): Promise<void> {
    try {
      const sites = await this.socket.request('sites.list', {});
      this.sites = new Map(sites.map((s) => [s.id, s.notifications]));
    } catch {
      /* the last known rules stay (none yet: everything is allowed); the next connect asks again */
    }
  }
}
