import { expect, test } from 'vitest';
import { ClockGate } from './clock-gate.ts';

test('the clock moves stream time only once every own input is read as far as it is known to go', () => {
  const gate = new ClockGate();
  gate.start('purchases', 10n, 12n);
  gate.start('complaints', 5n, 5n);
  expect(gate.admit(1_000)).toBeUndefined();
  expect(gate.admit(900)).toBeUndefined();
  gate.read('purchases', 11n, 12n);
  expect(gate.open).toBe(false);
  gate.read('purchases', 12n, 12n);
  // The highest clock time seen while it waited, applied now.
  expect(gate.admit(950)).toBe(1_000);
  expect(gate.admit(1_200)).toBe(1_200);
});

test('a fetch that shows the input has grown closes the gate again', () => {
  const gate = new ClockGate();
  gate.start('purchases', 3n, 3n);
  expect(gate.admit(10)).toBe(10);
  gate.read('purchases', 4n, 6n);
  expect(gate.admit(20)).toBeUndefined();
  // An older fetch's end does not shrink what is known.
  gate.read('purchases', 6n, 5n);
  expect(gate.admit(30)).toBe(30);
});

test('forgotten reads rewind to the committed offsets and drop the clock time they held', () => {
  const gate = new ClockGate();
  gate.start('purchases', 0n, 4n);
  gate.read('purchases', 4n, 4n);
  expect(gate.admit(500)).toBe(500);
  gate.rewind(new Map([['purchases', '2']]));
  expect(gate.open).toBe(false);
  expect(gate.admit(100)).toBeUndefined();
  gate.read('purchases', 4n, 4n);
  expect(gate.admit(50)).toBe(100);
});

test('with no own stream input known, the clock is free', () => {
  expect(new ClockGate().admit(7)).toBe(7);
});
