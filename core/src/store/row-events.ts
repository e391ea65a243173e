/**
 * Events to record for the rows one write statement returns: the plan travels with the statement
 * (to the SQLite writer thread, or into a PostgreSQL transaction), and the log's entries are
 * chosen and completed where the rows are, in the same transaction as the write. Plain data, so
 * it crosses a thread boundary.
 */
export interface RowEventPlan {
  /** The returned column whose value says which row an event belongs to. */
  keyColumn: string;
  /** Payload fields taken from the returned row (field → column): what only the write knows. */
  fill: Record<string, string>;
  events: PlannedEvent[];
  /** The log's insert of one entry; parameters: name, payload, account id, time. */
  insertSql: string;
  at: number;
}

export interface PlannedEvent {
  /** The row's `keyColumn` value: the event is recorded only if the statement returned that row. */
  key: string;
  name: string;
  accountId: string | null;
  payload: Record<string, unknown>;
}

/** An event as it goes into the log: its payload complete and serialised. */
export interface RowEvent {
  name: string;
  accountId: string | null;
  payload: Record<string, unknown>;
  json: string;
}

/** The plan's events whose rows were returned, in the plan's order, their fields filled from the rows. */
export function eventsOfRows(rows: readonly Record<string, unknown>[], plan: Pick<RowEventPlan, 'keyColumn' | 'fill' | 'events'>): RowEvent[] {
  const byKey = new Map(rows.map((row) => [String(row[plan.keyColumn]), row]));
  const out: RowEvent[] = [];
  for (const event of plan.events) {
    const row = byKey.get(event.key);
    if (!row) continue;
    const payload = { ...event.payload };
    for (const [field, column] of Object.entries(plan.fill)) payload[field] = row[column];
    out.push({ name: event.name, accountId: event.accountId, payload, json: JSON.stringify(payload) });
  }
  return out;
}
