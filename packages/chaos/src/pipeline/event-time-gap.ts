import type { ServiceFleet } from './service-fleet.ts';
import { scrapeMetrics } from './service-metrics.ts';

/** The widest spread of stream time seen between services reading the same partition. */
export interface EventTimeGap {
  readonly gapMs: number;
  readonly partition: number;
  readonly ahead: string;
  readonly behind: string;
  /** When it was seen, ms since the stream started. */
  readonly atMs: number;
}

/** Stream times per partition (ms) in an instance's /metrics text (`churnwatch_stream_time_seconds`). */
export function streamTimesOf(text: string): Map<number, number> {
  const times = new Map<number, number>();
  for (const match of text.matchAll(/^churnwatch_stream_time_seconds\{([^}]*)\} (\S+)$/gm)) {
    const partition = /partition="(\d+)"/.exec(match[1] ?? '')?.[1];
    if (partition !== undefined) times.set(Number(partition), Number(match[2]) * 1000);
  }
  return times;
}

/**
 * The widest gap in one sample: over the partitions that every service reports, the latest
 * service's stream time less the earliest's. A service with several instances reports each
 * partition from the one that owns it (the later time, while two hold it during a hand-over).
 */
export function widestGap(byService: ReadonlyMap<string, readonly ReadonlyMap<number, number>[]>, atMs: number): EventTimeGap | undefined {
  const merged = new Map<string, Map<number, number>>();
  for (const [service, instances] of byService) {
    const times = new Map<number, number>();
    for (const instance of instances) for (const [partition, ms] of instance) times.set(partition, Math.max(ms, times.get(partition) ?? ms));
    merged.set(service, times);
  }
  const partitions = new Set([...merged.values()].flatMap((times) => [...times.keys()]));
  let widest: EventTimeGap | undefined;
  for (const partition of partitions) {
    const reported = [...merged].flatMap(([service, times]) => (times.has(partition) ? [[service, times.get(partition) as number] as const] : []));
    if (reported.length < merged.size || reported.length < 2) continue;
    const behind = reported.reduce((low, next) => (next[1] < low[1] ? next : low));
    const ahead = reported.reduce((high, next) => (next[1] > high[1] ? next : high));
    const gapMs = ahead[1] - behind[1];
    if (widest === undefined || gapMs > widest.gapMs) widest = { gapMs, partition, ahead: ahead[0], behind: behind[0], atMs };
  }
  return widest;
}

/** "3.2 d", "5.0 h", "12 min", "40 s". */
export function formatSpan(ms: number): string {
  if (ms >= 86_400_000) return `${(ms / 86_400_000).toFixed(1)} d`;
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}

export function describeGap(gap: EventTimeGap | undefined): string {
  if (gap === undefined) return 'not seen (no moment with every monitor reporting a partition)';
  return `${formatSpan(gap.gapMs)} (${gap.ahead} ahead of ${gap.behind}, partition ${gap.partition}, ${(gap.atMs / 1000).toFixed(1)} s into the stream)`;
}

/**
 * Scrapes the services' stream times every `intervalMs` while the stream runs: how far apart in
 * event time the monitors feeding the risk scorer got, which is what orders their signals
 * differently from a replay. Shown, not judged.
 */
export function watchEventTimeGap(fleet: ServiceFleet, services: readonly string[], startedMs: number, intervalMs = 500) {
  let widest: EventTimeGap | undefined;
  let stopped = false;
  const sample = async () => {
    const byService = new Map<string, Map<number, number>[]>();
    await Promise.all(
      services.map(async (service) => {
        const texts = await Promise.all(fleet.running(service).map((instance) => scrapeMetrics(instance.metricsPort)));
        byService.set(
          service,
          texts.flatMap((text) => (text === undefined ? [] : [streamTimesOf(text)])),
        );
      }),
    );
    const gap = widestGap(byService, Date.now() - startedMs);
    if (gap !== undefined && (widest === undefined || gap.gapMs > widest.gapMs)) widest = gap;
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop(): Promise<EventTimeGap | undefined> {
      stopped = true;
      await loop;
      return widest;
    },
  };
}
