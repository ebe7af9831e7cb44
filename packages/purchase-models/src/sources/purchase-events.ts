import { topicContracts, validateAgainst } from '@churnwatch/contracts';
import { PurchaseInputError } from '../errors.ts';
import { dayNumberOfInstant } from '../summary/calendar.ts';
import type { PurchaseRow } from '../summary/customer-summary.ts';

export interface PurchaseEventRows {
  readonly rows: PurchaseRow[];
  /** The one currency all amounts are in; undefined when there was no purchase. */
  readonly currency: string | undefined;
  /** Lines of another `kind` (usage, complaint…), skipped. */
  readonly otherKinds: number;
  /** Purchases whose eventId was already seen (a producer's retry), skipped. */
  readonly duplicates: number;
}

/**
 * Reads churnwatch purchase events (the `purchases` topic contract), one JSON object per line. A
 * line may carry an extra `"kind"` field, as mixed event files do: `"purchase"` lines are read with
 * it removed, other kinds are skipped. Each purchase counts on the UTC calendar day of its
 * eventTime. Amounts must be ≥ 0 and all in one currency. Pure: a bad line throws
 * PurchaseInputError naming it.
 */
export function parsePurchaseEvents(text: string, source: string): PurchaseEventRows {
  const rows: PurchaseRow[] = [];
  const seen = new Set<string>();
  let currency: string | undefined;
  let otherKinds = 0;
  let duplicates = 0;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = index + 1;
    const text = lines[index]!.trim();
    if (text === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new PurchaseInputError(source, line, `not JSON: ${(error as Error).message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new PurchaseInputError(source, line, 'not a JSON object');
    const { kind, ...event } = json as Record<string, unknown>;
    if (kind !== undefined && kind !== 'purchase') {
      otherKinds += 1;
      continue;
    }
    const validation = validateAgainst(topicContracts.purchases, event);
    if (!validation.ok) throw new PurchaseInputError(source, line, `not a purchase event: ${validation.message}`);
    const purchase = validation.value;
    if (seen.has(purchase.eventId)) {
      duplicates += 1;
      continue;
    }
    seen.add(purchase.eventId);
    const amount = Number(purchase.amount.amount);
    if (amount < 0) throw new PurchaseInputError(source, line, `amount ${purchase.amount.amount} is negative; refunds are not purchases`);
    if (currency !== undefined && purchase.amount.currency !== currency) {
      throw new PurchaseInputError(source, line, `currency ${purchase.amount.currency} differs from ${currency} of earlier lines; fit one currency at a time`);
    }
    currency = purchase.amount.currency;
    rows.push({ customerId: purchase.customerId, day: dayNumberOfInstant(Date.parse(purchase.eventTime)), amount });
  }
  return { rows, currency, otherKinds, duplicates };
}
