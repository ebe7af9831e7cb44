import { PurchaseInputError } from '../errors.ts';
import { dayNumberFromCompactDate } from '../summary/calendar.ts';
import type { PurchaseRow } from '../summary/customer-summary.ts';

/**
 * Readers for the CDNOW purchase files (whitespace-separated, CRLF or LF, dates YYYYMMDD):
 *   master: `customer_id date cds dollars`, with an optional header line;
 *   sample: `master_id sample_id date cds dollars` (the customer is the sample id, as in the
 *           published per-customer summary).
 * Pure: text in, rows out; a bad line throws PurchaseInputError naming it.
 */

export type CdnowLayout = 'cdnow-master' | 'cdnow-sample';

const FIELDS: Readonly<Record<CdnowLayout, number>> = { 'cdnow-master': 4, 'cdnow-sample': 5 };

function parseLine(fields: string[], layout: CdnowLayout, source: string, line: number): PurchaseRow {
  const [customerId, date, cds, dollars] = layout === 'cdnow-sample' ? fields.slice(1) : fields;
  if (!/^\d+$/.test(customerId!)) throw new PurchaseInputError(source, line, `customer id ${JSON.stringify(customerId)} is not a number`);
  const day = dayNumberFromCompactDate(date!);
  if (day === undefined) throw new PurchaseInputError(source, line, `date ${JSON.stringify(date)} is not a YYYYMMDD date`);
  if (!/^\d+$/.test(cds!)) throw new PurchaseInputError(source, line, `number of CDs ${JSON.stringify(cds)} is not a whole number`);
  const amount = Number(dollars);
  if (!/^\d+(\.\d+)?$/.test(dollars!) || !Number.isFinite(amount)) {
    throw new PurchaseInputError(source, line, `dollar value ${JSON.stringify(dollars)} is not a non-negative amount`);
  }
  return { customerId: customerId!, day, amount };
}

export function parseCdnow(text: string, layout: CdnowLayout, source: string): PurchaseRow[] {
  const rows: PurchaseRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const fields = lines[index]!.trim().split(/\s+/);
    if (fields[0] === '') continue;
    // The master file's header: `customer_id date number_of_cds dollar_value`.
    if (index === 0 && !/^\d/.test(fields[0]!)) continue;
    if (fields.length !== FIELDS[layout]) {
      throw new PurchaseInputError(source, index + 1, `expected ${FIELDS[layout]} whitespace-separated fields for ${layout}, found ${fields.length}`);
    }
    rows.push(parseLine(fields, layout, source, index + 1));
  }
  return rows;
}
