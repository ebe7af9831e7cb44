import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChaosConfig } from '../config.ts';
import { stateHistoryDays } from '../history-span.ts';
import { collectGarbage } from '../pipeline/inspector-gc.ts';
import { metricSum, scrapeMetrics } from '../pipeline/service-metrics.ts';
import type { Delivery } from '../report/alert-tally.ts';
import { type MemorySeries, renderMemoryChart } from '../report/memory-chart.ts';
import { growsToTheEnd, linearTrend, type SpanTrends, spanTrends, type Trend } from '../report/trend.ts';
import type { ScenarioSpec } from './live-run.ts';
import { sleep } from './pick.ts';

/**
 * How long a partition reading history holds its wall-clock timers after its last batch, ms. With a
 * backfill it is long, because the history then changes pace: the backfill comes in at months a
 * minute, the rest at a day every few seconds, and a purchases partition can go without an order
 * for days of the paced history. A partition that has had no batch since the switch knows only the
 * backfill's pace, by which such a pause means the history has ended (see HistoryHold): at 30 s,
 * one released its timers 40 s into the paced part and fired 42 of them up to the present. A quick
 * run paces its history more than twice as fast (30 days in two minutes), so a shorter hold covers
 * as many idle days, and it settles sooner.
 */
const holdIdleMs = (config: ChaosConfig) => (config.quick ? 60_000 : 120_000);

/**
 * The share of a quick run's days produced first, at the configured rate (not paced over the
 * soak), as its warm-up: without one, a service's heap floor rises by some 30 KiB a minute for its first
 * minutes while V8 warms up to the work, whatever the service does, and a two-minute run judges
 * that.
 */
const QUICK_LEAD_IN_SHARE = 2 / 3;

/** Every this many samples, each instance's are taken right after a full collection forced through its inspector. */
const FORCED_GC_EVERY = 6;

/**
 * The chance that a run whose memory does not grow fails anyway, shared among its judgements
 * (Bonferroni): twelve 95 % intervals (RSS and heap of six services) would fail a flat run one
 * time in four.
 */
const FAMILY_ERROR_RATE = 0.01;

/**
 * V8's heap spaces of compiled code and bytecode: they grow for minutes while functions get hot
 * and are compiled again by the optimising tiers, and V8 flushes what goes cold. RSS counts them;
 * the heap floor leaves them out, so that it shows the program's own objects.
 */
const CODE_SPACES = ['code', 'trusted', 'code_large_object', 'trusted_large_object'];

type Point = MemorySeries['points'][number] & {
  lag: number;
  majorGcs: number;
  forcedGc: boolean;
  codeBytes: number;
  /** V8's heap as reserved from the system, and memory outside it held by JavaScript objects (buffers): where RSS goes besides the heap used. */
  heapTotalBytes: number;
  externalBytes: number;
};

/** Bytes per second as MiB per minute, signed. */
const perMinuteMib = (bytesPerSecond: number) => `${bytesPerSecond >= 0 ? '+' : ''}${((bytesPerSecond * 60) / 1_048_576).toFixed(2)}`;

/** "+0.12 MiB/min [−0.30, +0.54]": the slope and its interval. */
function describeTrend(trend: Trend): string {
  return `${perMinuteMib(trend.slope)} MiB/min [${perMinuteMib(trend.slopeLow)}, ${perMinuteMib(trend.slopeHigh)}]`;
}

/** "+0.12 MiB/min [−0.30, +0.54], last half −0.02 MiB/min [−0.41, +0.37]". */
function describeSpan(trends: SpanTrends): string {
  return `${describeTrend(trends.whole)}${trends.lastHalf === undefined ? '' : `, last half ${describeTrend(trends.lastHalf)}`}`;
}

/**
 * A steady run, undisturbed: first a backfill of as many days as the state holds at `--rate`
 * (stateHistoryDays; a quick run: `QUICK_LEAD_IN_SHARE` of its `config.days`), then the rest spread
 * over `config.soakSeconds`. Every `config.sampleMs` the RSS, V8 heap used, major collections and
 * consumer lag of every instance, for as long as the stream is produced. The first quarter is the
 * warm-up (the backfill, code compiled, buffers allocated) and is left out of the trends; over the
 * rest, growth fails the run when it lasts: the slope's interval lies wholly above zero over the
 * rest and again over its last half (growsToTheEnd: V8's compiled code and the weak lists that go
 * with it grow for the first hour and then level off), each interval at the level that keeps a
 * flat run's chance of failing at `FAMILY_ERROR_RATE`. RSS is judged on every sample, in a full
 * run only: in a process's first minutes it rises by steps of a MiB or two as V8 sizes its heap
 * and pages are first touched, and a quick run's two minutes judged that in two runs of five. The
 * heap is judged by its floor: every
 * `FORCED_GC_EVERY`th sample is taken right after a full collection forced through the instance's
 * inspector (inspector-gc.ts), so it counts only what is still referenced, less the code spaces
 * (`CODE_SPACES`, shown apart). Heap used between collections climbs with garbage for minutes,
 * and V8 collects fully only a few times in half an hour of this load, too few to judge: that
 * climb is shown, not judged. The samples (JSON) and the chart (SVG) go to `config.outDir`.
 */
export function soakScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'soak',
    delivery,
    // `--events` would cut the lead-in off the history's front: the paced part is days, not events.
    stream: (config) => {
      if (config.quick) {
        return {
          customers: config.customers,
          events: undefined,
          days: config.days,
          leadInDays: Math.round(config.days * QUICK_LEAD_IN_SHARE),
          leadInEventsPerSecond: config.eventsPerSecond,
        };
      }
      // At --rate, as the other scenarios' streams: as fast as the broker takes it, the usage monitor
      // fell up to 130 000 records behind and the risk scorer met the monitors' signals out of
      // order (guarantees.md, "Live versus replay"), which is not what a soak is about.
      const leadInDays = stateHistoryDays();
      return { customers: config.customers, events: undefined, days: config.days + leadInDays, leadInDays, leadInEventsPerSecond: config.eventsPerSecond };
    },
    eventsPerSecond: (config, events) => Math.max(1, Math.round(events / config.soakSeconds)),
    // History trickled in slowly leaves sparse inputs (the scorer's signals) idle for seconds while
    // their stream time is months behind: wall-clock timers must wait for it, as for a backfill.
    env: (config) => ({ CHURNWATCH_WALL_CLOCK_HOLD_IDLE_MS: String(holdIdleMs(config)) }),
    quietMs: (config) => holdIdleMs(config) + 5_000,
    inspect: true,
    async disturb(run) {
      const { config } = run.context;
      const series = new Map<string, Point[]>();
      const startedMs = Date.now();
      let producing = true;
      void run.produced.finally(() => {
        producing = false;
      });
      for (let sample = 0; producing; sample++) {
        const forcedGc = sample % FORCED_GC_EVERY === FORCED_GC_EVERY - 1;
        for (const instance of run.fleet.running()) {
          if (forcedGc && instance.inspectPort !== undefined) await collectGarbage(instance.inspectPort);
          const seconds = (Date.now() - startedMs) / 1000;
          const text = await scrapeMetrics(instance.metricsPort);
          if (text === undefined) continue;
          const points = series.get(instance.label) ?? [];
          points.push({
            seconds,
            rssBytes: metricSum(text, 'churnwatch_process_resident_memory_bytes'),
            heapUsedBytes: metricSum(text, 'churnwatch_nodejs_heap_size_used_bytes'),
            lag: metricSum(text, 'churnwatch_consumer_lag_records'),
            majorGcs: metricSum(text, 'churnwatch_nodejs_gc_duration_seconds_count', { kind: 'major' }),
            forcedGc,
            codeBytes: CODE_SPACES.reduce((sum, space) => sum + metricSum(text, 'churnwatch_nodejs_heap_space_size_used_bytes', { space }), 0),
            heapTotalBytes: metricSum(text, 'churnwatch_nodejs_heap_size_total_bytes'),
            externalBytes: metricSum(text, 'churnwatch_nodejs_external_memory_bytes'),
          });
          series.set(instance.label, points);
        }
        await sleep(config.sampleMs);
      }
      const extra: [string, string][] = [['sampled for (s)', ((Date.now() - startedMs) / 1000).toFixed(0)]];
      const failures: string[] = [];
      const judgesRss = !config.quick;
      const level = 1 - FAMILY_ERROR_RATE / ((judgesRss ? 2 : 1) * series.size);
      extra.push(['slope intervals', `${(level * 100).toFixed(2)} % each: a flat run fails at most ${FAMILY_ERROR_RATE * 100} % of the time`]);
      for (const [label, points] of series) {
        const steady = points.slice(Math.floor(points.length / 4));
        if (steady.length < 4) {
          failures.push(`${label}: ${steady.length} samples after the warm-up, too few for a trend (a longer stream or a shorter --sample-ms)`);
          continue;
        }
        const rss = spanTrends(
          steady.map((p) => ({ x: p.seconds, y: p.rssBytes })),
          level,
        );
        const heap = linearTrend(
          steady.map((p) => ({ x: p.seconds, y: p.heapUsedBytes })),
          level,
        );
        const floor = steady.filter((p) => p.forcedGc);
        const shown = (y: (p: Point) => number) =>
          describeTrend(
            linearTrend(
              steady.map((p) => ({ x: p.seconds, y: y(p) })),
              level,
            ),
          );
        extra.push(
          [`${label} RSS`, describeSpan(rss)],
          [`${label} heap used`, describeTrend(heap)],
          [`${label} heap reserved`, shown((p) => p.heapTotalBytes)],
          [`${label} RSS outside the heap`, shown((p) => p.rssBytes - p.heapTotalBytes)],
          [`${label} external (buffers)`, shown((p) => p.externalBytes)],
        );
        if (judgesRss && growsToTheEnd(rss)) failures.push(`${label}: RSS grows to the end (${describeSpan(rss)})`);
        if (floor.length < 4) {
          failures.push(`${label}: ${floor.length} samples after a forced collection, too few for a trend (a longer stream or a shorter --sample-ms)`);
        } else {
          const floorTrend = spanTrends(
            floor.map((p) => ({ x: p.seconds, y: p.heapUsedBytes - p.codeBytes })),
            level,
          );
          const codeTrend = linearTrend(
            floor.map((p) => ({ x: p.seconds, y: p.codeBytes })),
            level,
          );
          extra.push(
            [`${label} heap after forced GC`, `${describeSpan(floorTrend)}, ${floor.length} samples`],
            [`${label} code and bytecode`, describeTrend(codeTrend)],
          );
          if (growsToTheEnd(floorTrend)) failures.push(`${label}: heap after a forced collection grows to the end (${describeSpan(floorTrend)})`);
        }
        extra.push([`${label} max lag`, String(Math.max(...points.map((p) => p.lag)))]);
      }
      await mkdir(config.outDir, { recursive: true });
      const name = `soak-${delivery}`;
      const chart = join(config.outDir, `${name}.svg`);
      const memory = [...series].map(([label, points]): MemorySeries => ({ label, points }));
      await writeFile(
        chart,
        renderMemoryChart(
          `churnwatch soak (${delivery}): ${run.events.length} events over ${config.soakSeconds} s, ${new Date(startedMs).toISOString()}`,
          memory,
        ),
      );
      await writeFile(join(config.outDir, `${name}.json`), `${JSON.stringify(Object.fromEntries(series), null, 1)}\n`);
      extra.push(['chart', chart]);
      return { disturbances: [`${run.elapsed()}: ${memory.reduce((n, s) => n + s.points.length, 0)} samples of ${memory.length} instances`], extra, failures };
    },
  };
}
