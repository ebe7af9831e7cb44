import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../config.ts';
import { renderMarkdown } from './markdown.ts';
import { computeRatios } from './ratios.ts';
import type { BenchResults, ResultRow } from './results.ts';
import { renderSvgChart } from './svg-chart.ts';

const rows: ResultRow[] = [
  { id: 'throughput.runtime-alo', group: 'throughput', label: 'runtime | alo', value: 45_000, unit: 'records/s' },
  { id: 'throughput.peer-alo', group: 'throughput', label: 'peer <alo>', value: 90_000, unit: 'records/s' },
  { id: 'latency.usage.alo.1000.p99', group: 'latency', label: 'p99', value: 12.5, unit: 'ms' },
];
const config = parseBenchArgs(['--quick', '--out', '/tmp/x'], {})!;
const results: BenchResults = {
  startedAt: '2026-12-01T22:00:00.000Z',
  finishedAt: '2026-12-01T22:05:00.000Z',
  elapsedSeconds: 300,
  config,
  machine: { cpuModel: 'Test CPU', cores: 2, memoryGiB: 8, freeMemoryGiB: 4, loadAverage: 0.5, kernel: '6.1', node: 'v24', java: 'openjdk 17', kafka: '4.3.1' },
  rows,
  ratios: computeRatios(rows, config),
  skipped: [{ what: 'state', why: 'left out with --skip' }],
};

describe('results rendering', () => {
  it('Markdown: the machine, each ratio with its verdict, each row (pipes escaped), what was not run', () => {
    const text = renderMarkdown(results);
    expect(text).toContain('Test CPU, 2 cores, 8 GiB');
    expect(text).toContain('| runtime / Kafka Streams peer, at-least-once | 0.50 | ≥ 1.0 | no |');
    expect(text).toContain('| runtime / Kafka Streams peer, exactly-once | not measured | ≥ 1.0 | – |');
    expect(text).toContain('| throughput | runtime \\| alo | 45,000 records/s |');
    expect(text).toContain('- state: left out with --skip');
  });

  it('SVG: one bar per row, bars of a panel scaled to its largest value, text escaped', () => {
    const svg = renderSvgChart(results);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const bars = [...svg.matchAll(/<rect x="420" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(bars).toHaveLength(3);
    expect(bars[1]).toBeCloseTo(bars[0]! * 2, 0);
    expect(svg).toContain('peer &lt;alo&gt;');
    expect(svg).not.toContain('<alo>');
  });
});
