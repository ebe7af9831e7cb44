import { describe, expect, it } from 'vitest';
import { dayNumberFromIsoDate } from '../summary/calendar.ts';
import { parseCdnow } from './cdnow.ts';
import { parsePurchaseEvents } from './purchase-events.ts';
import { detectPurchaseFormat, parsePurchaseText } from './purchase-text.ts';

const purchase = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemaVersion: 1,
    eventId: 'e1',
    customerId: 'c-1',
    eventTime: '2026-03-01T09:30:00Z',
    orderId: 'o1',
    amount: { amount: '12.50', currency: 'EUR' },
    ...fields,
  });

describe('CDNOW readers', () => {
  it('read the master layout with its header and CRLF line ends', () => {
    const text = ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  5   77.00\r\n';
    expect(parseCdnow(text, 'cdnow-master', 'master.txt')).toEqual([
      { customerId: '00001', day: dayNumberFromIsoDate('1997-01-01'), amount: 11.77 },
      { customerId: '00002', day: dayNumberFromIsoDate('1997-01-12'), amount: 77 },
    ]);
  });

  it('take the sample id as the customer in the sample layout', () => {
    expect(parseCdnow(' 00004 0001 19970101  2   29.33\r\n', 'cdnow-sample', 'sample.txt')).toEqual([
      { customerId: '0001', day: dayNumberFromIsoDate('1997-01-01'), amount: 29.33 },
    ]);
  });

  it('name the file and line of a bad row', () => {
    expect(() => parseCdnow(' 00001 19970101 1 11.77\n 00002 19970231 1 3.00\n', 'cdnow-master', 'm.txt')).toThrow(
      'm.txt:2: date "19970231" is not a YYYYMMDD date',
    );
    expect(() => parseCdnow(' 00001 19970101 1 -1\n', 'cdnow-master', 'm.txt')).toThrow('m.txt:1: dollar value "-1"');
    expect(() => parseCdnow(' 00001 19970101 1\n', 'cdnow-master', 'm.txt')).toThrow(
      'm.txt:1: expected 4 whitespace-separated fields for cdnow-master, found 3',
    );
  });
});

describe('purchase-event reader', () => {
  it('reads purchases, ignores a "kind":"purchase" field and skips other kinds and repeated event ids', () => {
    const text = [
      purchase({ kind: 'purchase' }),
      JSON.stringify({ kind: 'usage', schemaVersion: 1, anything: true }),
      '',
      purchase({ kind: 'purchase' }),
      purchase({ eventId: 'e2', eventTime: '2026-03-02T00:30:00+02:00', amount: { amount: '3', currency: 'EUR' } }),
    ].join('\n');
    const read = parsePurchaseEvents(text, 'events.jsonl');
    expect(read.rows).toEqual([
      { customerId: 'c-1', day: dayNumberFromIsoDate('2026-03-01'), amount: 12.5 },
      { customerId: 'c-1', day: dayNumberFromIsoDate('2026-03-01'), amount: 3 },
    ]);
    expect(read).toMatchObject({ currency: 'EUR', otherKinds: 1, duplicates: 1 });
  });

  it('names the line of invalid JSON, of a contract violation, of a refund and of a second currency', () => {
    expect(() => parsePurchaseEvents(`${purchase()}\n{oops`, 'e.jsonl')).toThrow(/^e\.jsonl:2: not JSON/);
    expect(() => parsePurchaseEvents(purchase({ customerId: '' }), 'e.jsonl')).toThrow(/^e\.jsonl:1: not a purchase event: customerId/);
    expect(() => parsePurchaseEvents(purchase({ amount: { amount: '-5.00', currency: 'EUR' } }), 'e.jsonl')).toThrow(/^e\.jsonl:1: amount -5\.00 is negative/);
    expect(() => parsePurchaseEvents(`${purchase()}\n${purchase({ eventId: 'e2', amount: { amount: '1', currency: 'USD' } })}`, 'e.jsonl')).toThrow(
      /^e\.jsonl:2: currency USD differs from EUR/,
    );
  });
});

describe('format detection', () => {
  it('tells the three formats apart by their first line', () => {
    expect(detectPurchaseFormat(`\n${purchase()}`, 'x')).toBe('purchase-events');
    expect(detectPurchaseFormat(' 00004 0001 19970101  2   29.33\r\n', 'x')).toBe('cdnow-sample');
    expect(detectPurchaseFormat(' customer_id  date number_of_cds  dollar_value\r\n', 'x')).toBe('cdnow-master');
    expect(() => detectPurchaseFormat('a,b,c\n', 'x.csv')).toThrow(/^x\.csv:1: cannot tell the format/);
    expect(() => detectPurchaseFormat('\n\n', 'x')).toThrow(/empty/);
  });

  it('parses with the detected format unless one is given', () => {
    expect(parsePurchaseText(' 00004 0001 19970101  2   29.33\n', 'x').format).toBe('cdnow-sample');
    expect(() => parsePurchaseText(' 00004 0001 19970101  2   29.33\n', 'x', 'cdnow-master')).toThrow(/expected 4/);
  });
});
