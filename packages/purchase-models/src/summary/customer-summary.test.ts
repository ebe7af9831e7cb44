import { describe, expect, it } from 'vitest';
import { dayNumberFromCompactDate, dayNumberFromIsoDate, dayNumberOfInstant, isoDateOfDayNumber } from './calendar.ts';
import { countPurchaseDays, type PurchaseRow, summarisePurchases } from './customer-summary.ts';

const day = (iso: string) => dayNumberFromIsoDate(iso)!;
const row = (customerId: string, iso: string, amount: number): PurchaseRow => ({ customerId, day: day(iso), amount });

describe('calendar days', () => {
  it('number UTC days from 1970-01-01 and reject impossible dates', () => {
    expect(day('1970-01-02')).toBe(1);
    expect(dayNumberFromCompactDate('19970930')).toBe(day('1997-09-30'));
    expect(dayNumberFromCompactDate('19970230')).toBeUndefined();
    expect(dayNumberFromIsoDate('1997-9-30')).toBeUndefined();
    expect(isoDateOfDayNumber(day('2024-02-29'))).toBe('2024-02-29');
    expect(dayNumberOfInstant(Date.parse('1997-09-30T23:59:59.999Z'))).toBe(day('1997-09-30'));
    expect(dayNumberOfInstant(Date.parse('1997-10-01T00:30:00+01:00'))).toBe(day('1997-09-30'));
  });
});

describe('summarisePurchases', () => {
  const rows = [
    row('a', '1997-01-01', 10),
    row('a', '1997-01-01', 5), // same day: merged into the first purchase
    row('a', '1997-01-15', 20),
    row('a', '1997-01-15', 4),
    row('a', '1997-02-12', 30),
    row('a', '1997-03-01', 99), // after the calibration end
    row('b', '1997-02-19', 7),
    row('c', '1997-03-01', 1), // first purchase after the end: not a customer yet
  ];
  const end = day('1997-02-26');

  it('merges same-day purchases and measures recency and age from the first purchase day, in weeks', () => {
    const [a, b, ...rest] = summarisePurchases(rows, { calibrationEndDay: end, unit: 'weeks' });
    expect(rest).toEqual([]);
    // Gaps of 14 and 28 days: mean 21, standard deviation 7·√2.
    const gapVariation = expect.closeTo(Math.SQRT2 / 3, 12);
    expect(a).toEqual({ customerId: 'a', frequency: 2, recency: 6, age: 8, meanSpend: (24 + 30) / 2, firstDaySpend: 15, gapVariation });
    expect(b).toEqual({ customerId: 'b', frequency: 0, recency: 0, age: 1, meanSpend: 0, firstDaySpend: 7, gapVariation: null });
  });

  it('gives the same histories in days, seven times longer', () => {
    const [a] = summarisePurchases(rows, { calibrationEndDay: end, unit: 'days' });
    expect(a).toMatchObject({ frequency: 2, recency: 42, age: 56 });
  });

  it('does not depend on the order of the rows, except for the order of customers', () => {
    const forward = summarisePurchases(rows, { calibrationEndDay: end, unit: 'days' });
    const backward = summarisePurchases([...rows].reverse(), { calibrationEndDay: end, unit: 'days' });
    expect(new Map(backward.map((summary) => [summary.customerId, summary]))).toEqual(new Map(forward.map((summary) => [summary.customerId, summary])));
  });

  it('counts distinct purchase days in a holdout window, ends included after and excluded before', () => {
    const counts = countPurchaseDays([...rows, row('b', '1997-03-01', 3), row('b', '1997-03-01', 3), row('b', '1997-03-05', 1)], end, day('1997-03-05'));
    expect(counts).toEqual(
      new Map([
        ['a', 1],
        ['c', 1],
        ['b', 2],
      ]),
    );
  });
});
