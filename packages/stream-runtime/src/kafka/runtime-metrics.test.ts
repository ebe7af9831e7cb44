import { Registry } from 'prom-client';
import { expect, test } from 'vitest';
import type { RestoreProgress } from './changelog-reader.ts';
import { createRuntimeMetrics, type PartitionStreamTime } from './runtime-metrics.ts';

test('restore progress: one series per partition under restore, read at each scrape, none once the restores ended', async () => {
  const registry = new Registry();
  let running: RestoreProgress[] = [
    { topic: 'changelog', partition: 0, records: 1200, remainingOffsets: 800 },
    { topic: 'changelog', partition: 2, records: 0, remainingOffsets: 5000 },
  ];
  createRuntimeMetrics(registry, { storeEntries: () => 0, restoreProgress: () => running, streamTimes: () => [] });

  const during = await registry.metrics();
  expect(during).toContain('churnwatch_restore_applied_records{partition="0"} 1200');
  expect(during).toContain('churnwatch_restore_applied_records{partition="2"} 0');
  expect(during).toContain('churnwatch_restore_remaining_offsets{partition="0"} 800');
  expect(during).toContain('churnwatch_restore_remaining_offsets{partition="2"} 5000');

  running = [{ topic: 'changelog', partition: 2, records: 3000, remainingOffsets: 2000 }];
  const later = await registry.metrics();
  expect(later).not.toContain('partition="0"');
  expect(later).toContain('churnwatch_restore_applied_records{partition="2"} 3000');

  running = [];
  expect(await registry.metrics()).not.toMatch(/^churnwatch_restore_(applied_records|remaining_offsets)\{/m);
});

test('stream time: one series per assigned partition that has seen a record, in seconds, read at each scrape', async () => {
  const registry = new Registry();
  let partitions: PartitionStreamTime[] = [
    { partition: 0, streamTimeMs: Date.UTC(2026, 5, 1, 12) },
    { partition: 1, streamTimeMs: Number.NEGATIVE_INFINITY },
  ];
  createRuntimeMetrics(registry, { storeEntries: () => 0, restoreProgress: () => [], streamTimes: () => partitions });

  const first = await registry.metrics();
  expect(first).toContain(`churnwatch_stream_time_seconds{partition="0"} ${Date.UTC(2026, 5, 1, 12) / 1000}`);
  expect(first).not.toContain('churnwatch_stream_time_seconds{partition="1"}');

  // Partition 0 moved to another instance; partition 1 got its first record.
  partitions = [{ partition: 1, streamTimeMs: 1_780_000_000_500 }];
  const later = await registry.metrics();
  expect(later).not.toContain('churnwatch_stream_time_seconds{partition="0"}');
  expect(later).toContain('churnwatch_stream_time_seconds{partition="1"} 1780000000.5');
});
