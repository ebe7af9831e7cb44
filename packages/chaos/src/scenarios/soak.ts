import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { metricSum, scrapeMetrics } from '../pipeline/service-metrics.ts';
import type { Delivery } from '../report/alert-tally.ts';
import { heapFloor } from '../report/heap-floor.ts';
import { type MemorySeries, renderMemoryChart } from '../report/memory-chart.ts';
import { grows, linearTrend, type Trend } from '../report/trend.ts';
import type { ScenarioSpec } from './live-run.ts';
import { sleep } from './pick.ts';

/** How long a partition reading history holds its wall-clock timers after its last batch, ms. */
const holdIdleMs = 30_000;

type Point = MemorySeries['points'][number] & { lag: number; majorGcs: number };

/** Bytes per second as MiB per minute, signed. */
const perMinuteMib = (bytesPerSecond: number) => `${bytesPerSecond >= 0 ? '+' : ''}${((bytesPerSecond * 60) / 1_048_576).toFixed(2)}`;

/** "+0.12 MiB/min [−0.30, +0.54]": the slope and its 95 % interval. */
function describeTrend(trend: Trend): string {
  return `${perMinuteMib(trend.slope)} MiB/min [${perMinuteMib(trend.slopeLow)}, ${perMinuteMib(trend.slopeHigh)}]`;
}

/**
 * A steady run, undisturbed, the stream spread over `config.soakSeconds`: every `config.sampleMs` the RSS, V8 heap used, major
 * collections and consumer lag of every instance, for as long as the stream is produced. The first
 * quarter is the warm-up (code compiled, buffers and the first customers' state allocated) and is
 * left out of the trends; over the rest, a 95 % interval of the slope that lies wholly above zero is
 * growth, and fails the run. The heap is judged by its floor (the samples right after a major
 * collection): heap used itself climbs with uncollected garbage for minutes between two major
 * collections, and that climb is no leak. With fewer than four collections there is no floor to
 * judge, and the heap used trend is shown only. The samples (JSON) and the chart (SVG) go to `config.outDir`.
 */
export function soakScenario(delivery: Delivery): ScenarioSpec {
  return {
    scenario: 'soak',
    delivery,
    eventsPerSecond: (config, events) => Math.max(1, Math.round(events / config.soakSeconds)),
    // History trickled in slowly leaves sparse inputs (the scorer's signals) idle for seconds while
    // their stream time is months behind: wall-clock timers must wait for it, as for a backfill.
    env: { CHURNWATCH_WALL_CLOCK_HOLD_IDLE_MS: String(holdIdleMs) },
    quietMs: holdIdleMs + 5_000,
    async disturb(run) {
      const { config } = run.context;
      const series = new Map<string, Point[]>();
      const startedMs = Date.now();
      let producing = true;
      void run.produced.finally(() => {
        producing = false;
      });
      while (producing) {
        const seconds = (Date.now() - startedMs) / 1000;
        for (const instance of run.fleet.running()) {
          const text = await scrapeMetrics(instance.metricsPort);
          if (text === undefined) continue;
          const points = series.get(instance.label) ?? [];
          points.push({
            seconds,
            rssBytes: metricSum(text, 'churnwatch_process_resident_memory_bytes'),
            heapUsedBytes: metricSum(text, 'churnwatch_nodejs_heap_size_used_bytes'),
            lag: metricSum(text, 'churnwatch_consumer_lag_records'),
            majorGcs: metricSum(text, 'churnwatch_nodejs_gc_duration_seconds_count', { kind: 'major' }),
          });
          series.set(instance.label, points);
        }
        await sleep(config.sampleMs);
      }
      const extra: [string, string][] = [['sampled for (s)', ((Date.now() - startedMs) / 1000).toFixed(0)]];
      const failures: string[] = [];
      for (const [label, points] of series) {
        const steady = points.slice(Math.floor(points.length / 4));
        if (steady.length < 4) {
          failures.push(`${label}: ${steady.length} samples after the warm-up, too few for a trend (a longer stream or a shorter --sample-ms)`);
          continue;
        }
        const rss = linearTrend(steady.map((p) => ({ x: p.seconds, y: p.rssBytes })));
        const heap = linearTrend(steady.map((p) => ({ x: p.seconds, y: p.heapUsedBytes })));
        const floor = heapFloor(steady);
        const floorTrend = floor.length >= 4 ? linearTrend(floor.map((p) => ({ x: p.seconds, y: p.heapUsedBytes }))) : undefined;
        extra.push(
          [`${label} RSS`, describeTrend(rss)],
          [`${label} heap used`, describeTrend(heap)],
          [`${label} heap after major GC`, floorTrend ? describeTrend(floorTrend) : `${floor.length} major GCs, too few to judge`],
          [`${label} max lag`, String(Math.max(...points.map((p) => p.lag)))],
        );
        if (grows(rss)) failures.push(`${label}: RSS grows (${describeTrend(rss)})`);
        if (floorTrend && grows(floorTrend)) failures.push(`${label}: heap after major GC grows (${describeTrend(floorTrend)})`);
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
