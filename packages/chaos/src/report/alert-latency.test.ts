import { expect, test } from 'vitest';
import { alertLatencies, healthRowLatencies, latencyWindow } from './alert-latency.ts';

const input = (customerId: string, eventTime: string, timestampMs: number) => ({ value: JSON.stringify({ customerId, eventTime }), timestampMs });
const alert = (eventId: string, customerId: string, eventTime: string, timestampMs: number) => ({
  value: JSON.stringify({ eventId, customerId, eventTime }),
  timestampMs,
});

test('an alert step is timed from the input event of its customer and event time; timer steps and repeats are left out', () => {
  const inputs = [input('c1', '2026-01-01T00:00:00Z', 1_000), input('c2', '2026-01-01T00:00:00.000Z', 1_100), input('c1', '2026-01-02T00:00:00Z', 1_200)];
  const alerts = [
    alert('c1:a', 'c1', '2026-01-01T00:00:00.000Z', 1_250),
    alert('c2:a', 'c2', '2026-01-01T00:00:00Z', 1_400),
    alert('c1:a', 'c1', '2026-01-01T00:00:00.000Z', 1_900),
    // Fired by a timer: no input event at that time.
    alert('c1:t', 'c1', '2026-01-05T00:00:00Z', 1_500),
  ];
  expect(alertLatencies(inputs, alerts)).toEqual([
    { writtenAtMs: 1_250, latencyMs: 250 },
    { writtenAtMs: 1_400, latencyMs: 300 },
  ]);
});

test('a window keeps the alerts written inside it and takes nearest-rank percentiles', () => {
  const latencies = Array.from({ length: 100 }, (_, i) => ({ writtenAtMs: i, latencyMs: 100 - i }));
  expect(latencyWindow(latencies, 0, 100)).toEqual({ count: 100, p50Ms: 50, p99Ms: 99 });
  expect(latencyWindow(latencies, 90, 92)).toEqual({ count: 2, p50Ms: 9, p99Ms: 10 });
  expect(latencyWindow(latencies, 200, 300)).toEqual({ count: 0, p50Ms: Number.NaN, p99Ms: Number.NaN });
});

test('a health row is timed from the input event of its customer at its asOf; every row counts', () => {
  const inputs = [input('c1', '2026-01-01T00:00:00Z', 1_000), input('c2', '2026-01-01T06:00:00Z', 1_100)];
  const row = (customerId: string, asOf: string, timestampMs: number) => ({ value: JSON.stringify({ customerId, asOf, score: 80 }), timestampMs });
  const rows = [
    row('c1', '2026-01-01T00:00:00.000Z', 1_040),
    // Two signals of one event: two rows.
    row('c2', '2026-01-01T06:00:00Z', 1_150),
    row('c2', '2026-01-01T06:00:00Z', 1_180),
    // A check at midnight, no input event then.
    row('c1', '2026-01-02T00:00:00Z', 1_500),
  ];
  expect(healthRowLatencies(inputs, rows)).toEqual([
    { writtenAtMs: 1_040, latencyMs: 40 },
    { writtenAtMs: 1_150, latencyMs: 50 },
    { writtenAtMs: 1_180, latencyMs: 80 },
  ]);
});
