import type { Kysely } from 'kysely';
import type { CoreTables } from '../../store/core.schema.js';

/**
 * The consumers' rows: their positions, and the lease that lets one process at a time read each.
 * Every call takes `now` (epoch ms of the calling process): the lease compares the processes'
 * clocks, so they must agree to well under the lease's length (NTP does).
 */
export class ConsumerLeases {
  constructor(private readonly db: Kysely<CoreTables>) {}

  /**
   * Takes the lease for `owner` when it is free, expired or already its own; answers the stored
   * position then, `undefined` while another process holds it. A new consumer starts at 0.
   */
  async acquire(consumerId: string, owner: string, now: number, ttlMs: number): Promise<number | undefined> {
    const row = await this.db.selectFrom('core_event_consumers').select(['lease_owner', 'lease_expires_at']).where('consumer_id', '=', consumerId).executeTakeFirst();
    if (!row) {
      await this.db.insertInto('core_event_consumers').values({ consumer_id: consumerId, position: 0, lease_owner: null, lease_expires_at: 0 }).onConflict((oc) => oc.column('consumer_id').doNothing()).execute();
    } else if (row.lease_owner !== null && row.lease_owner !== owner && Number(row.lease_expires_at) > now) {
      // Held elsewhere: a read instead of an UPDATE, so a standby costs no write every poll.
      return undefined;
    }
    // The condition is evaluated again on the row as it is now: of two processes racing here,
    // one updates it and the other matches nothing.
    const taken = await this.db
      .updateTable('core_event_consumers')
      .set({ lease_owner: owner, lease_expires_at: now + ttlMs })
      .where('consumer_id', '=', consumerId)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_expires_at', '<=', now)]))
      .returning('position')
      .executeTakeFirst();
    return taken ? Number(taken.position) : undefined;
  }

  /** Extends a lease `owner` still holds; false once it expired or another process took it. */
  async renew(consumerId: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    const { numUpdatedRows } = await this.held(consumerId, owner, now).set({ lease_expires_at: now + ttlMs }).executeTakeFirst();
    return numUpdatedRows > 0n;
  }

  /**
   * Stores the position a handled batch reached, and extends the lease, only while `owner` holds
   * it: a process that lost its lease must not move a position another one is reading from.
   */
  async advance(consumerId: string, owner: string, position: number, now: number, ttlMs: number): Promise<boolean> {
    const { numUpdatedRows } = await this.held(consumerId, owner, now).set({ position, lease_expires_at: now + ttlMs }).executeTakeFirst();
    return numUpdatedRows > 0n;
  }

  /** Gives the lease up (on stop) so a standby takes over at its next poll, not after expiry. */
  async release(consumerId: string, owner: string, now: number): Promise<void> {
    // Expired as of now, not 0: the time also tells the sweep the consumer is alive.
    await this.db.updateTable('core_event_consumers').set({ lease_owner: null, lease_expires_at: now }).where('consumer_id', '=', consumerId).where('lease_owner', '=', owner).execute();
  }

  private held(consumerId: string, owner: string, now: number) {
    return this.db.updateTable('core_event_consumers').where('consumer_id', '=', consumerId).where('lease_owner', '=', owner).where('lease_expires_at', '>', now);
  }
}
