import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BenchResults, parseBenchArgs, resultFiles, runBench } from '../src/index.ts';

// The smoke of `./churnwatch bench --quick`: one run with its own broker, every scenario, tiny
// sizes. The Kafka Streams peer is pointed at a missing folder (a fresh clone has no ../shared
// and building it takes minutes), which must be reported as skipped, not break the run.
describe('./churnwatch bench --quick', () => {
  let out = '';
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('writes results.json, results.md and chart.svg with a row for every scenario, each a positive finite number', { timeout: 900_000 }, async () => {
    out = await mkdtemp(join(tmpdir(), 'bench-quick-'));
    const config = parseBenchArgs(
      ['--quick', '--out', out, '--records', '5000', '--replay-customers', '20,60', '--replay-days', '30,60', '--latency-seconds', '2'],
      {
        CHURNWATCH_PEER_DIR: join(out, 'no-peer-here'),
      },
    )!;
    const outcome = await runBench(config, () => {});
    expect(outcome.failures).toEqual([]);

    const results = JSON.parse(await readFile(join(out, resultFiles.json), 'utf8')) as BenchResults;
    const ids = results.rows.map((row) => row.id);
    const expected = [
      'throughput.consumer-perf',
      'throughput.kafkajs',
      'throughput.runtime-alo',
      'throughput.runtime-eos',
      'pipeline.events-per-second',
      ...['generated', 'daily'].flatMap((shape) =>
        ['20x30', '20x60', '60x30', '60x60'].flatMap((point) => [`replay.${shape}.${point}`, `floor.${shape}.${point}`]),
      ),
      ...['usage', 'complaints'].flatMap((load) => ['alo', 'eos'].flatMap((mode) => ['p50', 'p95', 'p99'].map((p) => `latency.${load}.${mode}.200.${p}`))),
      'state.1000.heap-per-customer',
      'state.1000.rss-per-customer',
      'state.1000.restore-seconds',
      'state.1000.restore-seconds-per-service',
    ];
    expect(ids.sort()).toEqual(expected.sort());
    for (const row of results.rows) {
      expect(Number.isFinite(row.value), row.id).toBe(true);
      expect(row.value, row.id).toBeGreaterThan(0);
    }
    expect(results.skipped.map((item) => item.why).join('\n')).toMatch(/Kafka Streams peer is not at .*no-peer-here/);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.kafka).toMatch(/^\d+\.\d+/);
    for (const load of ['usage', 'complaints']) expect(results.ratios.find((ratio) => ratio.id === `p99-eos-${load}`)?.value).toBeGreaterThan(0);

    const markdown = await readFile(join(out, resultFiles.markdown), 'utf8');
    for (const row of results.rows) expect(markdown).toContain(row.label);
    const svg = await readFile(join(out, resultFiles.chart), 'utf8');
    expect(svg.match(/<rect x="420"/g)).toHaveLength(results.rows.length);
  });
});
