import type { AfterCommit, CallpyEvents } from '../../../core/src/index.js';
import { CHAT_DURABLE_EVENTS, type ChatEventName } from '../shared/chat.events.js';

const durable = new Set<string>(CHAT_DURABLE_EVENTS);

/**
 * Queues a chat event in the transaction that made the change. The events statistics and webhooks
 * must not miss go into the core's durable log with the change (`after.record`, which publishes
 * them after commit too); the others are only published after commit.
 */
export function announce<N extends ChatEventName>(after: AfterCommit, name: N, payload: CallpyEvents[N]): void {
  if (durable.has(name)) after.record(name, payload);
  else after.publish(name, payload);
}
