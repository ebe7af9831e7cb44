import type { ServiceInstance } from './service-fleet.ts';
import { isReady, metricSum, scrapeMetrics } from './service-metrics.ts';

/** Where an instance's restores stood at one scrape, summed over its partitions. */
export interface RestoreProgress {
  /** Changelog records applied by the restores running now. */
  readonly appliedRecords: number;
  /** Changelog offsets those restores have still to read. */
  readonly remainingOffsets: number;
}

/**
 * The restore progress in an instance's /metrics text; undefined unless a restore is provably
 * midway: it has applied records and has offsets left (the runtime drops a partition's series as
 * soon as its restore ends, so both are from restores still running).
 */
export function restoreMidway(text: string): RestoreProgress | undefined {
  const appliedRecords = metricSum(text, 'churnwatch_restore_applied_records');
  const remainingOffsets = metricSum(text, 'churnwatch_restore_remaining_offsets');
  return appliedRecords > 0 && remainingOffsets > 0 ? { appliedRecords, remainingOffsets } : undefined;
}

export type RestoreWatch = { readonly seen: 'midway'; readonly progress: RestoreProgress } | { readonly seen: 'ready' | 'exited' | 'timeout' };

/**
 * Scrapes the instance back to back until a restore is seen midway (returned at once, so the
 * caller can act while it still is), or the instance is ready or gone without one being seen.
 */
export async function watchRestore(instance: ServiceInstance, timeoutMs: number): Promise<RestoreWatch> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (instance.process.exitCode !== null || instance.process.signalCode !== null) return { seen: 'exited' };
    const text = await scrapeMetrics(instance.metricsPort);
    if (text !== undefined) {
      const progress = restoreMidway(text);
      if (progress) return { seen: 'midway', progress };
      if (await isReady(instance.metricsPort)) return { seen: 'ready' };
    }
    await new Promise((done) => setTimeout(done, text === undefined ? 100 : 5));
  }
  return { seen: 'timeout' };
}
