import type { PluginContext } from '../../../core/src/index.js';
import type { ChatSettingsSpec } from './chat-site-settings.js';
import type { ChatTables } from './chat.tables.js';

/** The chat plugin's context, typed with its tables and its per-site settings. */
export type ChatContext = PluginContext<ChatOptions, ChatTables, ChatSettingsSpec>;

export interface ChatOptions {
  /** How long a visitor who left stays in the operators' visitors list. */
  recentVisitorMinutes: number;
  /** H6: offline requests accepted per hour from one visitor, one address, one site. */
  offlinePerHour: { visitor: number; address: number; site: number };
}

/** A write refused by a unique key (SQLite: "UNIQUE constraint failed", PostgreSQL: "duplicate key value"). */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /unique|duplicate/i.test(err.message);
}
