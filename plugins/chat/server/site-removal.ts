import type { PluginContext } from '../../../core/src/index.js';
import type { ChatTables } from './chat.tables.js';

/**
 * A deleted site takes its chat along (`core.site.deleted`, published once by the process that
 * deleted it): its visitors with their page views, their dialogs with messages and files, and its
 * offline requests leave the operational store in one transaction. The account's open panels then
 * get new counters through `onRemoved`.
 */
export function removeDeletedSites(ctx: Pick<PluginContext<unknown, ChatTables>, 'events' | 'db'>, onRemoved: (accountId: string) => void): void {
  ctx.events.subscribe('core.site.deleted', async ({ accountId, siteId }) => {
    await ctx.db.transaction(async (trx) => {
      const dialogIds = trx.selectFrom('chat_dialogs').select('id').where('site_id', '=', siteId).where('account_id', '=', accountId);
      const visitorIds = trx.selectFrom('chat_visitors').select('id').where('site_id', '=', siteId).where('account_id', '=', accountId);
      await trx.deleteFrom('chat_messages').where('dialog_id', 'in', dialogIds).execute();
      await trx.deleteFrom('chat_page_views').where('visitor_id', 'in', visitorIds).execute();
      for (const table of ['chat_attachments', 'chat_dialogs', 'chat_offline_requests', 'chat_visitors'] as const) {
        await trx.deleteFrom(table).where('site_id', '=', siteId).where('account_id', '=', accountId).execute();
      }
    });
    onRemoved(accountId);
  });
}
