import { expect, test } from 'vitest';
import { ClockGate } from './clock-gate.ts';
import type { FetchMark } from './fetch-cycles.ts';

/** A clock record of that time; its offset matters only to a led gate. */
const at = (timeMs: number, offset = 0n, from = offset) => ({ timeMs, offset, from });

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
  expect(gate.admit(at(1_000), round.mark(), round.passed, 0)).toBeUndefined();
  round.next();
  expect(gate.admit(at(1_100), round.mark(), round.passed, 0)).toBeUndefined();
  round.next();
  // Round 0 has passed: its highest time, not yet round 1's.
  expect(gate.admit(at(1_200), round.mark(), round.passed, 0)).toBe(1_000);
  round.next();
  expect(gate.admit(at(1_300), round.mark(), round.passed, 0)).toBe(1_100);
});

test('the clock moves stream time only once every own input is read as far as it is known to go', () => {
  const gate = new ClockGate();
  const round = rounds();
  gate.start('purchases', 10n, 12n);
  gate.start('complaints', 5n, 5n);
  expect(gate.admit(at(1_000), round.mark(), round.passed, 0)).toBeUndefined();
  round.next();
  round.next();
  expect(gate.admit(at(900), round.mark(), round.passed, 0)).toBeUndefined();
  gate.read('purchases', 11n, 12n);
  expect(gate.open).toBe(false);
  gate.read('purchases', 12n, 12n);
  // The highest clock time whose round passed while the gate was shut, applied now.
  expect(gate.admit(at(950), round.mark(), round.passed, 0)).toBe(1_000);
});

test('a fetch that shows an own input has grown shuts the gate again', () => {
  const gate = new ClockGate();
  const passed = () => true;
  const mark = { total: 0, byNode: new Map() };
  gate.start('purchases', 3n, 3n);
  expect(gate.admit(at(10), mark, passed, 0)).toBe(10);
  gate.read('purchases', 4n, 6n);
  expect(gate.admit(at(20), mark, passed, 0)).toBeUndefined();
  // An older fetch's end does not shrink what is known.
  gate.read('purchases', 6n, 5n);
  expect(gate.admit(at(30), mark, passed, 0)).toBe(30);
});

test('forgotten reads rewind to the committed offsets and drop the clock times read since', () => {
  const gate = new ClockGate();
  const passed = () => true;
  const mark = { total: 0, byNode: new Map() };
  gate.start('purchases', 0n, 4n);
  gate.read('purchases', 4n, 4n);
  expect(gate.admit(at(500), mark, passed, 0)).toBe(500);
  gate.rewind(new Map([['purchases', '2']]));
  expect(gate.open).toBe(false);
  expect(gate.admit(at(100), mark, passed, 0)).toBeUndefined();
  gate.read('purchases', 4n, 4n);
  expect(gate.admit(at(50), mark, passed, 0)).toBe(100);
});

test("the last clock records' time comes due when their round passes, with no record after them", () => {
  const gate = new ClockGate();
  const round = rounds();
  expect(gate.admit(at(700), round.mark(), round.passed, 0)).toBeUndefined();
  expect(gate.due(round.passed, 0)).toBeUndefined();
  round.next();
  round.next();
  expect(gate.due(round.passed, 0)).toBe(700);
});

test("a led gate lets a clock record's time through only once the leader has committed past the record", () => {
  const gate = new ClockGate({ leaders: ['usage'] });
  const passed = () => true;
  const seen = { total: 0, byNode: new Map() };
  const mark = { total: 0, byNode: new Map() };
  // Nothing known of the leader: every clock time waits.
  expect(gate.admit(at(100, 5n), mark, passed, 0)).toBeUndefined();
  gate.followLeader('usage', 5n, seen, 0);
  expect(gate.due(passed, 0)).toBeUndefined();
  gate.followLeader('usage', 6n, seen, 0);
  expect(gate.due(passed, 0)).toBe(100);
  // A later round's record past the leader waits; the one before it went through.
  const later = { total: 1, byNode: new Map() };
  expect(gate.admit(at(300, 9n), later, passed, 0)).toBe(100);
  gate.followLeader('usage', 10n, seen, 0);
  expect(gate.due(passed, 0)).toBe(300);
});

test('a led gate keeps a bounded number of rounds while the leader holds the clock, and releases their highest time', () => {
  const gate = new ClockGate({ leaders: ['usage'] });
  const passed = () => true;
  const seen = { total: 0, byNode: new Map() };
  for (let round = 0; round < 1_000; round++) gate.admit(at(round * 10, BigInt(round)), { total: round, byNode: new Map() }, passed, 0);
  // Only the leader's commit of the last offset lets the last time through; a commit short of it releases less.
  gate.followLeader('usage', 500n, seen, 0);
  const partway = gate.due(passed, 0);
  expect(partway).toBeGreaterThanOrEqual(0);
  expect(partway).toBeLessThan(5_000);
  gate.followLeader('usage', 1_000n, seen, 0);
  expect(gate.due(passed, 0)).toBe(9_990);
});

test("the clock input's offset to commit stays at the first record whose time still waits", () => {
  const gate = new ClockGate({ leaders: ['usage'] });
  const passed = () => true;
  const seen = { total: 0, byNode: new Map() };
  gate.admit(at(100, 9n, 5n), { total: 0, byNode: new Map() }, passed, 0);
  gate.clockRead(10n);
  gate.admit(at(200, 14n, 10n), { total: 1, byNode: new Map() }, passed, 0);
  gate.clockRead(15n);
  expect(gate.clockCommitOffset).toBe(5n);
  gate.followLeader('usage', 10n, seen, 0);
  expect(gate.due(passed, 0)).toBe(100);
  expect(gate.clockCommitOffset).toBe(10n);
  gate.followLeader('usage', 15n, seen, 0);
  expect(gate.due(passed, 0)).toBe(200);
  expect(gate.clockCommitOffset).toBe(15n);
  // Forgotten reads start again from what was committed; nothing is read yet.
  gate.rewind(new Map());
  expect(gate.clockCommitOffset).toBeUndefined();
});

test('with several leaders a clock time waits for the slowest of them', () => {
  const gate = new ClockGate({ leaders: ['usage', 'contract'] });
  const passed = () => true;
  const seen = { total: 0, byNode: new Map() };
  expect(gate.admit(at(100, 5n), seen, passed, 0)).toBeUndefined();
  gate.followLeader('usage', 20n, seen, 0);
  expect(gate.due(passed, 0)).toBeUndefined();
  gate.followLeader('contract', 5n, seen, 0);
  expect(gate.due(passed, 0)).toBeUndefined();
  gate.followLeader('contract', 6n, seen, 0);
  expect(gate.due(passed, 0)).toBe(100);
});

test("a leader's commit counts two rounds of fetches after it was seen, when what it wrote before can have been read", () => {
  const gate = new ClockGate({ leaders: ['usage'] });
  const round = rounds();
  gate.admit(at(100, 5n), round.mark(), round.passed, 0);
  round.next();
  round.next();
  // The clock record's own round has passed; the leader's commit is seen only now.
  gate.followLeader('usage', 6n, round.mark(), 0);
  expect(gate.due(round.passed, 0)).toBeUndefined();
  round.next();
  expect(gate.due(round.passed, 0)).toBeUndefined();
  round.next();
  expect(gate.due(round.passed, 0)).toBe(100);
  // A later commit seen while the earlier one counts does not hold back what the earlier one let through.
  gate.admit(at(200, 7n), round.mark(), round.passed, 0);
  gate.followLeader('usage', 8n, round.mark(), 0);
  round.next();
  gate.followLeader('usage', 9n, round.mark(), 0);
  round.next();
  expect(gate.due(round.passed, 0)).toBe(200);
});

test('a leader whose commits have not moved for the stall time is not waited for until it moves again', () => {
  const gate = new ClockGate({ leaders: ['usage', 'purchases'], leaderStallMs: 10_000 });
  const passed = () => true;
  const seen = { total: 0, byNode: new Map() };
  gate.followLeader('usage', 50n, seen, 0);
  gate.followLeader('purchases', -1n, seen, 0);
  expect(gate.admit(at(100, 5n), seen, passed, 1_000)).toBeUndefined();
  expect(gate.stalledLeaders(9_999)).toEqual([]);
  // The purchase monitor has committed nothing for the stall time: the clock goes on without it.
  expect(gate.stalledLeaders(10_000)).toEqual(['purchases']);
  expect(gate.due(passed, 10_000)).toBe(100);
  // Back, it leads again: a record past its commit waits for it.
  gate.followLeader('purchases', 6n, seen, 11_000);
  expect(gate.admit(at(200, 8n), seen, passed, 11_000)).toBe(100);
  gate.followLeader('purchases', 9n, seen, 12_000);
  expect(gate.due(passed, 12_000)).toBe(200);
  expect(gate.stalledLeaders(12_000)).toEqual([]);
});
