import { decodeEventLine } from '@churnwatch/replay';
import { describe, expect, it } from 'vitest';
import { dailyAggregateLines, generatedLines } from './history-files.ts';

describe('history files', () => {
  it('daily aggregates: one valid usage event per customer per day, in time order, some customers stopping late', () => {
    const lines = [...dailyAggregateLines(60, 30)];
    const decoded = lines.map((line) => decodeEventLine(line));
    expect(decoded.every((d) => d.ok && d.kind === 'usage')).toBe(true);
    const times = decoded.map((d) => (d.ok ? d.record.eventTimeMs : 0));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Customers 7 and 37 stop for the last third (days 20–29): 60 × 30 − 2 × 10.
    expect(lines).toHaveLength(60 * 30 - 20);
    expect(new Set(decoded.map((d) => (d.ok ? d.record.key : ''))).size).toBe(60);
  });

  it("generator's stream: valid lines that end within the asked days", () => {
    const decoded = [...generatedLines(20, 30)].map((line) => decodeEventLine(line));
    expect(decoded.length).toBeGreaterThan(100);
    expect(decoded.every((d) => d.ok)).toBe(true);
    const last = Math.max(...decoded.map((d) => (d.ok ? d.record.eventTimeMs : 0)));
    expect(last).toBeLessThan(Date.parse('2025-01-31T00:00:00Z'));
  });
});
