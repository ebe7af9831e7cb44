import { describe, expect, it } from 'vitest';
import { describeGap, formatSpan, streamTimesOf, widestGap } from './event-time-gap.ts';

const DAY = 86_400_000;

describe('event-time gap between services', () => {
  it('reads the stream time of each partition from /metrics text', () => {
    const text = [
      '# HELP churnwatch_stream_time_seconds …',
      'churnwatch_stream_time_seconds{partition="0",service="usage-monitor"} 1780000000.5',
      'churnwatch_stream_time_seconds{service="usage-monitor",partition="2"} 1780086400',
      'churnwatch_store_entries{service="usage-monitor"} 12',
    ].join('\n');
    expect(streamTimesOf(text)).toEqual(
      new Map([
        [0, 1_780_000_000_500],
        [2, 1_780_086_400_000],
      ]),
    );
  });

  it('takes the widest spread over the partitions every service reports, merging instances', () => {
    const t = 1_780_000_000_000;
    const gap = widestGap(
      new Map([
        ['usage-monitor', [new Map([[0, t + 3 * DAY]]), new Map([[1, t + DAY]])]],
        [
          'contract-monitor',
          [
            new Map([
              [0, t],
              [1, t + DAY],
              [2, t],
            ]),
          ],
        ],
        ['purchase-monitor', [new Map([[0, t + DAY]]), new Map([[1, t + 2 * DAY]])]],
      ]),
      4_200,
    );
    // Partition 2 is reported by one service only: no gap can be told there.
    expect(gap).toEqual({ gapMs: 3 * DAY, partition: 0, ahead: 'usage-monitor', behind: 'contract-monitor', atMs: 4_200 });
  });

  it('has no gap while a service reports nothing (killed, or before its first record)', () => {
    expect(
      widestGap(
        new Map([
          ['usage-monitor', [new Map([[0, 5]])]],
          ['contract-monitor', []],
        ]),
        0,
      ),
    ).toBeUndefined();
    expect(describeGap(undefined)).toMatch(/^not seen/);
  });

  it('says spans in the unit that reads best', () => {
    expect([formatSpan(40_000), formatSpan(12 * 60_000), formatSpan(5 * 3_600_000), formatSpan(3.25 * DAY)]).toEqual(['40 s', '12 min', '5.0 h', '3.3 d']);
    expect(describeGap({ gapMs: 2 * DAY, partition: 1, ahead: 'a', behind: 'b', atMs: 84_200 })).toBe(
      '2.0 d (a ahead of b, partition 1, 84.2 s into the stream)',
    );
  });
});
