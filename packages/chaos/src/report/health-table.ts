import { compareFields, differingFields } from './json-fields.ts';

/** How the customer health table the services left compares with the one the replay leaves. */
export interface HealthTableTally {
  /** Customers in the replay's table. */
  readonly expected: number;
  /** Customers in the replay's table with no record on the topic. */
  readonly missing: number;
  /** Customers on the topic the replay has no record for. */
  readonly unexpected: number;
  /** Customers whose last record differs from the replay's. */
  readonly differing: number;
  /**
   * Customers whose last record has the replay's state as of another moment (`asOf`): which input
   * last wrote an unchanged state depends on the order the scorer read its inputs in (the
   * monitors' signals, and the profile table, read ahead or behind them). Shown, not a difference.
   */
  readonly sameStateOtherAsOf: number;
  /** For those, how many differ in each top-level field, most first. */
  readonly differingFields: readonly (readonly [field: string, count: number])[];
  /** Every customer's last record is the replay's. */
  readonly equalsReplay: boolean;
}

/**
 * Pure: the health topic read in order (a table keyed by customer, so the last record of a
 * customer is its row) against the replay's last record per customer, both as of `asOfLimitMs`
 * (records describing a later moment left out). Repeats and the order of customers do not count;
 * only where each customer stood: its state, the row but for `asOf`.
 */
export function tallyHealthTable(
  topicValues: readonly string[],
  expected: ReadonlyMap<string, string>,
  asOfLimitMs = Number.POSITIVE_INFINITY,
): HealthTableTally {
  const live = new Map<string, string>();
  for (const value of topicValues) {
    const row = JSON.parse(value) as { customerId?: unknown; asOf?: unknown };
    if (Date.parse(String(row.asOf)) > asOfLimitMs) continue;
    live.set(String(row.customerId), value);
  }
  const present = [...expected].flatMap(([customerId, replayed]) => {
    const row = live.get(customerId);
    return row === undefined ? [] : [[row, replayed] as const];
  });
  const missing = expected.size - present.length;
  let sameStateOtherAsOf = 0;
  const compared = present.map(([row, replayed]): readonly [string, string] => {
    if (row === replayed || differingFields(row, replayed).join() !== 'asOf') return [row, replayed];
    sameStateOtherAsOf++;
    return [replayed, replayed];
  });
  const { differing, fields } = compareFields(compared);
  const unexpected = [...live.keys()].filter((customerId) => !expected.has(customerId)).length;
  return {
    expected: expected.size,
    missing,
    unexpected,
    differing,
    sameStateOtherAsOf,
    differingFields: fields,
    equalsReplay: missing === 0 && unexpected === 0 && differing === 0,
  };
}

/**
 * In either mode the health table, a table compacted by customer, ends where the replay's does:
 * repeats and redone work only write a row again. Returns the broken promise, if any.
 */
export function healthTableBroken(tally: HealthTableTally): string[] {
  if (tally.equalsReplay) return [];
  return [`health table: ${tally.differing} row(s) other than the replay's, ${tally.missing} missing, ${tally.unexpected} the replay does not have`];
}
