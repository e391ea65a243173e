import { DateTime } from 'luxon';
import type { AccountFigure, FigureAccount } from '../../../core/src/index.js';
import type { ChatContext } from './chat.db.js';

/**
 * «Диалогов за месяц» in the agency's client list (issue 15): dialogs opened since the first of the
 * month in each account's own time zone. One count per distinct month start — accounts of one zone
 * share it, so a list of a hundred clients is a query or two, by the dialogs' account index.
 */
export function dialogsThisMonth(ctx: ChatContext): AccountFigure {
  return {
    id: 'chat.dialogsThisMonth',
    title: { ru: 'Диалогов за месяц', en: 'Dialogs this month' },
    async values(accounts: readonly FigureAccount[], now: number): Promise<Map<string, number>> {
      const byStart = new Map<number, string[]>();
      for (const a of accounts) {
        const start = monthStart(a.timezone, now);
        byStart.set(start, [...(byStart.get(start) ?? []), a.id]);
      }
      const counts = new Map<string, number>();
      for (const [start, ids] of byStart) {
        const rows = await ctx.db.kysely
          .selectFrom('chat_dialogs')
          .select(['account_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('account_id', 'in', ids)
          .where('created_at', '>=', start)
          .groupBy('account_id')
          .execute();
        for (const r of rows) counts.set(r.account_id, Number(r.n));
      }
      return counts;
    },
  };
}

/** The first instant of `now`'s month where the account lives; its zone unknown, UTC's. */
function monthStart(zone: string, now: number): number {
  const local = DateTime.fromMillis(now, { zone });
  return (local.isValid ? local : DateTime.fromMillis(now, { zone: 'utc' })).startOf('month').toMillis();
}
