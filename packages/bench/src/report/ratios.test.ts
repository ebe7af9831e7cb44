import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../config.ts';
import { computeRatios } from './ratios.ts';
import type { ResultRow } from './results.ts';

const config = parseBenchArgs([
  '--quick',
  '--replay-customers',
  '10,100',
  '--replay-days',
  '30,365',
  '--latency-rates',
  '1000,10000',
  '--state-customers',
  '5,50',
])!;
const row = (id: string, value: number): ResultRow => ({ id, group: 'g', label: id, value, unit: 'x' });

describe('computeRatios', () => {
  it('divides the runtime by the peer per mode and judges each ratio against its target', () => {
    const ratios = computeRatios(
      [row('throughput.runtime-alo', 50), row('throughput.peer-alo', 100), row('throughput.runtime-eos', 90), row('throughput.peer-eos', 60)],
      config,
    );
    expect(ratios.find((r) => r.id === 'runtime-vs-peer-alo')).toMatchObject({ value: 0.5, met: false });
    expect(ratios.find((r) => r.id === 'runtime-vs-peer-eos')).toMatchObject({ value: 1.5, met: true });
  });

  it("judges the rounds' median of paired ratios, not the ratio of the two medians, when the run had rounds", () => {
    const ratios = computeRatios([row('throughput.runtime-eos', 120), row('throughput.peer-eos', 100), row('throughput.paired-ratio-eos', 0.95)], config);
    expect(ratios.find((r) => r.id === 'runtime-vs-peer-eos')).toMatchObject({ value: 0.95, met: false });
  });

  it('takes the worst replay/floor point, and flatness from the extreme days and customers', () => {
    const rows = [
      row('replay.daily.10x30', 100),
      row('floor.daily.10x30', 150),
      row('replay.daily.10x365', 40),
      row('floor.daily.10x365', 160),
      row('replay.daily.100x30', 90),
      row('floor.daily.100x30', 100),
    ];
    const ratios = computeRatios(rows, config);
    expect(ratios.find((r) => r.id === 'replay-vs-floor-daily')).toMatchObject({ value: 0.25, met: false });
    expect(ratios.find((r) => r.id === 'replay-days-flatness-daily')).toMatchObject({ value: 0.4, met: false });
    expect(ratios.find((r) => r.id === 'replay-customers-flatness-daily')).toMatchObject({ value: 0.9, met: true });
  });

  it('takes flatness against the farthest point measured, and gives none with a single point', () => {
    const wide = parseBenchArgs(['--quick', '--replay-customers', '10,100,1000', '--replay-days', '30,90,365'])!;
    const rows = [row('replay.generated.10x30', 100), row('replay.generated.10x90', 70), row('replay.generated.100x30', 95)];
    const ratios = computeRatios(rows, wide);
    expect(ratios.find((r) => r.id === 'replay-days-flatness-generated')).toMatchObject({
      label: 'replay events/s 90 d / 30 d of history, 10 customers, generated',
      value: 0.7,
    });
    expect(ratios.find((r) => r.id === 'replay-customers-flatness-generated')).toMatchObject({
      label: 'replay events/s 100 / 10 customers, 30 d, generated',
      value: 0.95,
    });
    const single = computeRatios([row('replay.daily.10x30', 100)], wide);
    expect(single.find((r) => r.id === 'replay-days-flatness-daily')).toMatchObject({
      label: 'replay events/s 365 d / 30 d of history, 10 customers, daily',
      value: null,
    });
    expect(single.find((r) => r.id === 'replay-customers-flatness-daily')).toMatchObject({ value: null, met: null });
  });

  it('reads p99 at the highest rate, heap and restore at the most customers; missing rows give null, not a verdict', () => {
    const rows = [
      row('latency.usage.alo.10000.p99', 42),
      row('latency.usage.alo.1000.p99', 500),
      row('latency.complaints.eos.10000.p99', 300),
      row('state.50.heap-per-customer', 2048),
    ];
    const ratios = computeRatios(rows, config);
    expect(ratios.find((r) => r.id === 'p99-alo-usage')).toMatchObject({ value: 42, met: true });
    expect(ratios.find((r) => r.id === 'p99-eos-complaints')).toMatchObject({ value: 300, met: false });
    expect(ratios.find((r) => r.id === 'heap-per-customer')).toMatchObject({ value: 2048, met: false });
    expect(ratios.find((r) => r.id === 'p99-eos-usage')).toMatchObject({ value: null, met: null });
    expect(ratios.find((r) => r.id === 'restore-seconds')).toMatchObject({ value: null, met: null });
  });
});
