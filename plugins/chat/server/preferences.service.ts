import { z } from 'zod';
import { DEFAULT_OPERATOR_PREFERENCES, type NotifySettings, type OperatorPreferencesDto, PLUGIN_NOTIFY_KIND, isQuickActionId } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';

/**
 * Stored values are read leniently: a later version may drop an action (its id is skipped) or add a
 * switch (it takes its default), and neither should make an operator's settings unreadable.
 */
const storedActions = z.array(z.string());
const storedNotify = z.record(z.string(), z.boolean());

function parseStored<T>(json: string | null, schema: z.ZodType<T>): T | undefined {
  if (json === null) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * C17 quick buttons and C20 notification switches (the chat's and other plugins' kinds) of one operator in one account, kept on the
 * server so that every browser they sign in from shows the same panel. A field never saved (a null
 * column) is the default, so a changed default reaches everyone who kept it.
 */
export class PreferencesService {
  constructor(private readonly ctx: ChatContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async get(accountId: string, userId: number): Promise<OperatorPreferencesDto> {
    const row = await this.db
      .selectFrom('chat_operator_preferences')
      .select(['quick_actions', 'notify', 'plugin_notify'])
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const actions = parseStored(row?.quick_actions ?? null, storedActions);
    const notify = parseStored(row?.notify ?? null, storedNotify);
    const pluginNotify = parseStored(row?.plugin_notify ?? null, storedNotify) ?? {};
    return {
      quickActions: actions ? actions.filter(isQuickActionId) : [...DEFAULT_OPERATOR_PREFERENCES.quickActions],
      notify: { ...DEFAULT_OPERATOR_PREFERENCES.notify, ...pickKnown(notify ?? {}) },
      pluginNotify: Object.fromEntries(Object.entries(pluginNotify).filter(([kind]) => PLUGIN_NOTIFY_KIND.test(kind))),
    };
  }

  /**
   * Replaces each given field (validated by the caller's schema) in one statement: two panels saving
   * different fields at once both keep theirs.
   */
  async save(accountId: string, userId: number, changes: Partial<OperatorPreferencesDto>): Promise<OperatorPreferencesDto> {
    const columns = {
      ...(changes.quickActions ? { quick_actions: JSON.stringify(changes.quickActions) } : {}),
      ...(changes.notify ? { notify: JSON.stringify(changes.notify) } : {}),
      ...(changes.pluginNotify ? { plugin_notify: JSON.stringify(changes.pluginNotify) } : {}),
      updated_at: Date.now(),
    };
    await this.db
      .insertInto('chat_operator_preferences')
      .values({ account_id: accountId, user_id: userId, quick_actions: null, notify: null, plugin_notify: null, ...columns })
      .onConflict((oc) => oc.columns(['account_id', 'user_id']).doUpdateSet(columns))
      .execute();
    return this.get(accountId, userId);
  }
}

/** The switches this version knows, from what was stored. */
function pickKnown(stored: Record<string, boolean>): Partial<NotifySettings> {
  const known = Object.keys(DEFAULT_OPERATOR_PREFERENCES.notify) as (keyof NotifySettings)[];
  return Object.fromEntries(known.filter((k) => typeof stored[k] === 'boolean').map((k) => [k, stored[k]]));
}
