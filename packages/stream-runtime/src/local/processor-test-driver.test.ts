import { expect, test } from 'vitest';
import { counterProcessor } from '../../test/fixtures/counter-processor.ts';
import { createProcessorTestDriver } from './processor-test-driver.ts';

test('the test driver pipes records, fires wall timers at a chosen wall-clock time and exposes state', () => {
  const driver = createProcessorTestDriver(counterProcessor({ silenceAfterMs: 1000, silenceClock: 'wall' }));
  expect(driver.pipe({ key: 'k', value: { amount: 3 }, eventTimeMs: 10, eventId: 'e1' }).map((o) => o.value)).toEqual([{ count: 1, total: 3 }]);
  expect(driver.pipe({ key: 'k', value: { amount: 3 }, eventTimeMs: 10, eventId: 'e1' })).toEqual([]);
  expect(driver.duplicatesSkipped).toBe(1);
  expect(driver.timers('k')).toEqual([{ name: 'silence', atMs: 1010, clock: 'wall' }]);
  expect(driver.advanceWallClock(1009)).toEqual([]);
  expect(driver.advanceWallClock(1010).map((o) => o.id)).toEqual(['k:silence:1010']);
  expect(driver.state('k')).toEqual({ count: 1, total: 3, lastEventMs: 10, silences: 1 });
  expect(driver.streamTimeMs).toBe(10);

  driver.setState('k', { count: 41, total: 0, lastEventMs: 10, silences: 0 });
  expect(driver.pipe({ key: 'k', value: { amount: 1 }, eventTimeMs: 20 })[0]?.id).toBe('k:count:42');
});
