import type { PluginContext } from '../../../core/src/index.js';
import type { ChatTables } from './chat.tables.js';

/** The chat plugin's context, typed with its tables. */
export type ChatContext = PluginContext<ChatOptions, ChatTables>;

export interface ChatOptions {
  /** How long a visitor who left stays in the operators' visitors list. */
  recentVisitorMinutes: number;
}
