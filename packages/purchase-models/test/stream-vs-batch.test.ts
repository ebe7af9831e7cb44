import { describe, expect, it } from 'vitest';
import { addPurchase, dayNumberFromIsoDate, historyAt, parsePurchaseText, type RunningPurchaseSummary, summarisePurchases } from '../src/index.ts';
import { readCdnowFile } from './cdnow-data.ts';

const MS_PER_DAY = 86_400_000;

describe('running summaries on the CDNOW sample', () => {
  it('equal the batch calibration summaries when folded event by event', () => {
    const { rows } = parsePurchaseText(readCdnowFile('CDNOW_sample.txt'), 'CDNOW_sample.txt');
    const endDay = dayNumberFromIsoDate('1997-09-30')!;
    const running = new Map<string, RunningPurchaseSummary>();
    for (const row of rows) {
      if (row.day > endDay) continue;
      // Purchases at noon of their day, in file order (per customer, by date).
      running.set(row.customerId, addPurchase(running.get(row.customerId), { eventTimeMs: (row.day + 0.5) * MS_PER_DAY, amount: row.amount }));
    }
    const batch = summarisePurchases(rows, { calibrationEndDay: endDay, unit: 'days' });
    expect(running.size).toBe(batch.length);
    for (const summary of batch) {
      const stream = running.get(summary.customerId)!;
      expect(historyAt({ unit: 'days' }, stream, endDay * MS_PER_DAY)).toEqual({ frequency: summary.frequency, recency: summary.recency, age: summary.age });
      expect(stream.firstDaySpend).toBeCloseTo(summary.firstDaySpend, 9);
      expect(summary.frequency === 0 ? 0 : stream.repeatSpend / stream.repeatPurchaseDays).toBeCloseTo(summary.meanSpend, 9);
    }
  });
});
