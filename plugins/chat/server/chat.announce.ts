import type { AfterCommit, CallpyEvents } from '../../../core/src/index.js';
import { CHAT_DURABLE_EVENTS, type ChatEventName } from '../shared/chat.events.js';

const durable = new Set<string>(CHAT_DURABLE_EVENTS);

/** `after.record` of the core's durable event log (issue 10): records in the transaction, publishes after commit. */
type Recording = AfterCommit & { record?: AfterCommit['publish'] };

/**
 * Queues a chat event in the transaction that made the change. The events statistics and webhooks
 * must not miss go to the core's durable log when the core has one (`after.record`, which also
 * publishes them after commit); the others, and all of them before the log exists, are published.
 */
export function announce<N extends ChatEventName>(after: AfterCommit, name: N, payload: CallpyEvents[N]): void {
  const { record } = after as Recording;
  if (record && durable.has(name)) record.call(after, name, payload);
  else after.publish(name, payload);
}
