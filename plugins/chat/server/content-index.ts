import type { UserRecord } from '../../../core/src/index.js';
import type { ChatContext } from './chat.db.js';

/**
 * An index over the content cache that the chat alone needs (departments' members, schedules
 * per user): built on the first read after a change, so it is never older than the cache —
 * whichever change listener runs first — and costs nothing while content does not change.
 */
export function contentIndex<T>(ctx: Pick<ChatContext, 'content'>, build: () => T): () => T {
  let built: T | undefined;
  ctx.content.onChange(() => (built = undefined));
  return () => (built ??= build());
}

/**
 * Finds a user of an account by the documentId the CMS relations name; a user who is gone or
 * belongs to another account is not found. For one build of an index: it keeps what it read.
 */
export function accountUserLookup(content: ChatContext['content']): (accountId: string, documentId: string) => UserRecord | undefined {
  const byAccount = new Map<string, Map<string, UserRecord>>();
  return (accountId, documentId) => {
    let users = byAccount.get(accountId);
    if (!users) byAccount.set(accountId, (users = new Map(content.usersOf(accountId).map((u) => [u.documentId, u]))));
    return users.get(documentId);
  };
}
