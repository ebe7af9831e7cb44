import { describe, expect, it } from 'vitest';
import { hopPercentiles, hopsText } from './hops.ts';

const sample = (sentMs: number, monitor: number, scorer: number, reader: number) => ({
  sentMs,
  signalWrittenMs: sentMs + monitor,
  alertWrittenMs: sentMs + monitor + scorer,
  alertReadMs: sentMs + monitor + scorer + reader,
});

describe('alert latency hops', () => {
  it('splits each alert at its signal and alert record timestamps', () => {
    const samples = [sample(1_000, 4, 3, 1), sample(2_000, 6, 2, 1), sample(3_000, 40, 90, 2)];
    expect(hopPercentiles(samples, 50)).toEqual({ monitorMs: 6, scorerMs: 3, readerMs: 1 });
    expect(hopPercentiles(samples, 99)).toEqual({ monitorMs: 40, scorerMs: 90, readerMs: 2 });
    expect(hopsText(samples)).toBe('hops p50 / p99: complaint monitor 6 / 40 ms, risk scorer 3 / 90 ms, reader 1 / 2 ms');
  });

  it('says nothing without a sample', () => {
    expect(hopPercentiles([], 99)).toBeNull();
    expect(hopsText([])).toBe('');
  });
});
