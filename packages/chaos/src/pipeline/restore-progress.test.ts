import { expect, test } from 'vitest';
import { restoreMidway } from './restore-progress.ts';

const scrape = (...lines: string[]) => `# HELP churnwatch_store_entries Keys.\nchurnwatch_store_entries 12\n${lines.join('\n')}\n`;

test('a restore is midway when running restores applied records and have offsets left; sums over partitions', () => {
  expect(
    restoreMidway(
      scrape(
        'churnwatch_restore_applied_records{partition="0"} 1500',
        'churnwatch_restore_applied_records{partition="1"} 0',
        'churnwatch_restore_remaining_offsets{partition="0"} 700',
        'churnwatch_restore_remaining_offsets{partition="1"} 2100',
      ),
    ),
  ).toEqual({ appliedRecords: 1500, remainingOffsets: 2800 });
});

test('no restore midway: none running, or running ones that have not applied a record yet', () => {
  expect(restoreMidway(scrape('churnwatch_restored_records_total 4200'))).toBeUndefined();
  expect(
    restoreMidway(scrape('churnwatch_restore_applied_records{partition="2"} 0', 'churnwatch_restore_remaining_offsets{partition="2"} 900')),
  ).toBeUndefined();
});
