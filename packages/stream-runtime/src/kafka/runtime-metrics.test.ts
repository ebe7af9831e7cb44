import { Registry } from 'prom-client';
import { expect, test } from 'vitest';
import type { RestoreProgress } from './changelog-reader.ts';
import { createRuntimeMetrics } from './runtime-metrics.ts';

test('restore progress: one series per partition under restore, read at each scrape, none once the restores ended', async () => {
  const registry = new Registry();
  let running: RestoreProgress[] = [
    { topic: 'changelog', partition: 0, records: 1200, remainingOffsets: 800 },
    { topic: 'changelog', partition: 2, records: 0, remainingOffsets: 5000 },
  ];
  createRuntimeMetrics(
    registry,
    () => 0,
    () => running,
  );

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
