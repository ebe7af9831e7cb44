import { expect, test } from 'vitest';
import { ClockGate } from './clock-gate.ts';
import type { FetchMark } from './fetch-cycles.ts';

/** Rounds of fetches as plain numbers: a mark of round r has passed once the current round is r + 2. */
function rounds() {
  let current = 0;
  const marks = new Map<number, FetchMark>();
  return {
    mark: (): FetchMark => {
      if (!marks.has(current)) marks.set(current, { total: current, byNode: new Map([[1, current]]) });
      return marks.get(current)!;
    },
    passed: (mark: FetchMark) => current >= mark.total + 2,
    next: () => {
      current++;
    },
  };
}

test('a clock time moves stream time two rounds of fetches after it was read, not before', () => {
  const gate = new ClockGate();
  const round = rounds();
  expect(gate.admit(1_000, round.mark(), round.passed)).toBeUndefined();
  round.next();
  expect(gate.admit(1_100, round.mark(), round.passed)).toBeUndefined();
  round.next();
  // Round 0 has passed: its highest time, not yet round 1's.
  expect(gate.admit(1_200, round.mark(), round.passed)).toBe(1_000);
  round.next();
  expect(gate.admit(1_300, round.mark(), round.passed)).toBe(1_100);
});

test('the clock moves stream time only once every own input is read as far as it is known to go', () => {
  const gate = new ClockGate();
  const round = rounds();
  gate.start('purchases', 10n, 12n);
  gate.start('complaints', 5n, 5n);
  expect(gate.admit(1_000, round.mark(), round.passed)).toBeUndefined();
  round.next();
  round.next();
  expect(gate.admit(900, round.mark(), round.passed)).toBeUndefined();
  gate.read('purchases', 11n, 12n);
  expect(gate.open).toBe(false);
  gate.read('purchases', 12n, 12n);
  // The highest clock time whose round passed while the gate was shut, applied now.
  expect(gate.admit(950, round.mark(), round.passed)).toBe(1_000);
});

test('a fetch that shows an own input has grown shuts the gate again', () => {
  const gate = new ClockGate();
  const passed = () => true;
  const mark = { total: 0, byNode: new Map() };
  gate.start('purchases', 3n, 3n);
  expect(gate.admit(10, mark, passed)).toBe(10);
  gate.read('purchases', 4n, 6n);
  expect(gate.admit(20, mark, passed)).toBeUndefined();
  // An older fetch's end does not shrink what is known.
  gate.read('purchases', 6n, 5n);
  expect(gate.admit(30, mark, passed)).toBe(30);
});

test('forgotten reads rewind to the committed offsets and drop the clock times read since', () => {
  const gate = new ClockGate();
  const passed = () => true;
  const mark = { total: 0, byNode: new Map() };
  gate.start('purchases', 0n, 4n);
  gate.read('purchases', 4n, 4n);
  expect(gate.admit(500, mark, passed)).toBe(500);
  gate.rewind(new Map([['purchases', '2']]));
  expect(gate.open).toBe(false);
  expect(gate.admit(100, mark, passed)).toBeUndefined();
  gate.read('purchases', 4n, 4n);
  expect(gate.admit(50, mark, passed)).toBe(100);
});

test("the last clock records' time comes due when their round passes, with no record after them", () => {
  const gate = new ClockGate();
  const round = rounds();
  expect(gate.admit(700, round.mark(), round.passed)).toBeUndefined();
  expect(gate.due(round.passed)).toBeUndefined();
  round.next();
  round.next();
  expect(gate.due(round.passed)).toBe(700);
});
