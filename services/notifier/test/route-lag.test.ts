import { expect, test } from 'vitest';
import { uncommittedRecords } from '../src/route-lag.ts';

test('lag is end minus committed per partition, from the first retained record where nothing was committed', () => {
  const ends = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '4', high: '9' },
    { partition: 2, low: '0', high: '0' },
  ];
  expect(uncommittedRecords(ends, [{ partition: 0, offset: '7' }])).toBe(3 + 5);
  expect(
    uncommittedRecords(ends, [
      { partition: 0, offset: '10' },
      { partition: 1, offset: '-1' },
      { partition: 2, offset: '-1' },
    ]),
  ).toBe(5);
  expect(
    uncommittedRecords(
      ends,
      ends.map(({ partition, high }) => ({ partition, offset: high })),
    ),
  ).toBe(0);
});
