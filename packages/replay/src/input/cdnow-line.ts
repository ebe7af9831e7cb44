import { topicContracts, validateAgainst } from '@churnwatch/contracts';
import type { DecodedLine } from './decode-line.ts';

/** What one CDNOW line is: a purchase, nothing (blank or the header), or a bad line. */
export type CdnowLine = DecodedLine | { readonly ok: 'skip' };

const HEADER = /^\s*[a-z_]/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DOLLARS = /^\d{1,12}(\.\d+)?$/;

/**
 * One line of the CDNOW master file (`customer_id date cds dollars`, whitespace-separated, date
 * YYYYMMDD) → the purchase event churnwatch would have received: customer id as written, event
 * time at 00:00 UTC of the date, amount in USD rounded to cents, no subscription. The ids are
 * deterministic and unique per line: `cdnow-<customer>-<date>-l<line>`, so two orders of one
 * customer on one day stay two orders. Pure.
 */
export function decodeCdnowLine(line: string, lineNumber: number): CdnowLine {
  if (line.trim() === '' || (lineNumber === 1 && HEADER.test(line))) return { ok: 'skip' };
  const fields = line.trim().split(/\s+/);
  if (fields.length !== 4) return { ok: false, reason: 'schema_violation', message: `expected 4 fields (customer date cds dollars), found ${fields.length}` };
  const [customer, date, cds, dollars] = fields as [string, string, string, string];
  const parts = COMPACT_DATE.exec(date);
  const isoDate = parts ? `${parts[1]}-${parts[2]}-${parts[3]}` : '';
  const eventTimeMs = Date.parse(`${isoDate}T00:00:00.000Z`);
  if (!parts || Number.isNaN(eventTimeMs) || new Date(eventTimeMs).toISOString().slice(0, 10) !== isoDate) {
    return { ok: false, reason: 'schema_violation', message: `date ${JSON.stringify(date)} is not a YYYYMMDD date` };
  }
  if (!/^\d+$/.test(cds)) return { ok: false, reason: 'schema_violation', message: `number of CDs ${JSON.stringify(cds)} is not a whole number` };
  if (!DOLLARS.test(dollars)) return { ok: false, reason: 'schema_violation', message: `dollar value ${JSON.stringify(dollars)} is not a non-negative amount` };
  const id = `cdnow-${customer}-${date}-l${lineNumber}`;
  const event = {
    schemaVersion: 1,
    eventId: id,
    customerId: customer,
    eventTime: `${isoDate}T00:00:00.000Z`,
    orderId: id,
    amount: { amount: Number(dollars).toFixed(2), currency: 'USD' },
  };
  const checked = validateAgainst(topicContracts.purchases, event);
  if (!checked.ok) return { ok: false, reason: checked.reason, message: `purchase: ${checked.message}` };
  return { ok: true, kind: 'purchase', record: { input: 'purchases', key: customer, value: checked.value, eventTimeMs, eventId: id } };
}
