import { expect, test } from 'vitest';
import { tallyNotifications } from './notification-tally.ts';

test('every alert step is delivered, given up, or unaccounted for; repeats and strangers are counted apart', () => {
  const tally = tallyNotifications(['a', 'b', 'c', 'd', 'a'], ['a', 'a', 'b', 'x'], ['c', 'b']);
  expect(tally).toEqual({ alertSteps: 4, delivered: 2, repeats: 1, givenUp: 2, both: 1, unaccounted: 1, unknown: 1 });
});

test('nothing lost when delivered plus given up covers the steps', () => {
  const tally = tallyNotifications(['a', 'b', 'c'], ['a', 'b'], ['c']);
  expect(tally.delivered + tally.givenUp - tally.both).toBe(tally.alertSteps);
  expect(tally.unaccounted).toBe(0);
});
