import { PurchaseInputError } from '../errors.ts';
import type { PurchaseRow } from '../summary/customer-summary.ts';
import { type CdnowLayout, parseCdnow } from './cdnow.ts';
import { parsePurchaseEvents } from './purchase-events.ts';

export type PurchaseFormat = CdnowLayout | 'purchase-events';

export const purchaseFormats = ['cdnow-master', 'cdnow-sample', 'purchase-events'] as const satisfies readonly PurchaseFormat[];

export interface PurchaseText {
  readonly format: PurchaseFormat;
  readonly rows: PurchaseRow[];
  readonly currency: string | undefined;
  /** Lines read but not used as purchases (other event kinds, repeated event ids). */
  readonly skipped: number;
}

/**
 * The format of a purchase file from its first non-blank line: a JSON object → churnwatch purchase
 * events; 5 fields → the CDNOW sample; 4 fields or the master's header → the CDNOW master.
 */
export function detectPurchaseFormat(text: string, source: string): PurchaseFormat {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => line.trim() !== '');
  if (index < 0) throw new PurchaseInputError(source, 1, 'the file is empty');
  const first = lines[index]!.trim();
  if (first.startsWith('{')) return 'purchase-events';
  const fields = first.split(/\s+/);
  if (fields.length === 5) return 'cdnow-sample';
  if (fields.length === 4) return 'cdnow-master';
  throw new PurchaseInputError(
    source,
    index + 1,
    'cannot tell the format: expected a JSON object (purchase events) or 4 or 5 whitespace-separated fields (CDNOW)',
  );
}

/** Reads a purchase file's text in the given format (or the detected one). Pure. */
export function parsePurchaseText(text: string, source: string, format: PurchaseFormat | 'auto' = 'auto'): PurchaseText {
  const chosen = format === 'auto' ? detectPurchaseFormat(text, source) : format;
  if (chosen === 'purchase-events') {
    const events = parsePurchaseEvents(text, source);
    return { format: chosen, rows: events.rows, currency: events.currency, skipped: events.otherKinds + events.duplicates };
  }
  return { format: chosen, rows: parseCdnow(text, chosen, source), currency: undefined, skipped: 0 };
}
