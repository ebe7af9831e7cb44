import { describe, expect, it } from 'vitest';
import { decodeCdnowLine } from './cdnow-line.ts';

describe('decodeCdnowLine', () => {
  it('turns a row into a dollar purchase at 00:00 UTC with ids unique per line', () => {
    const decoded = decodeCdnowLine(' 00007 19970411  3   77.00', 12);
    expect(decoded).toEqual({
      ok: true,
      kind: 'purchase',
      record: {
        input: 'purchases',
        key: '00007',
        eventTimeMs: Date.parse('1997-04-11T00:00:00Z'),
        eventId: 'cdnow-00007-19970411-l12',
        value: {
          schemaVersion: 1,
          eventId: 'cdnow-00007-19970411-l12',
          customerId: '00007',
          eventTime: '1997-04-11T00:00:00.000Z',
          orderId: 'cdnow-00007-19970411-l12',
          amount: { amount: '77.00', currency: 'USD' },
        },
      },
    });
  });

  it('rounds dollars to cents and keeps a zero amount', () => {
    const amountOf = (line: string) => {
      const decoded = decodeCdnowLine(line, 2);
      return decoded.ok === true ? (decoded.record.value as { amount: { amount: string } }).amount.amount : decoded.ok;
    };
    expect(amountOf('1 19970101 1 11.775')).toBe('11.78');
    expect(amountOf('1 19970101 1 0')).toBe('0.00');
  });

  it('skips the header and blank lines', () => {
    expect(decodeCdnowLine(' customer_id  date number_of_cds  dollar_value', 1)).toEqual({ ok: 'skip' });
    expect(decodeCdnowLine('   ', 9)).toEqual({ ok: 'skip' });
  });

  it.each([
    ['1 19970101 1', /expected 4 fields/],
    ['1 19970230 1 10.00', /not a YYYYMMDD date/],
    ['1 1997-01-01 1 10.00', /not a YYYYMMDD date/],
    ['1 19970101 one 10.00', /whole number/],
    ['1 19970101 1 -3', /non-negative amount/],
  ])('rejects %s', (line, message) => {
    const decoded = decodeCdnowLine(line, 5);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok === false && decoded.message).toMatch(message);
  });
});
