import { z } from 'zod';

/**
 * Field schemas with messages that say what is allowed, so that a start-up error reads
 * `segments.enterprise.usage.minRelativeDrop: must be between 0 and 1`.
 */
export function fraction() {
  const message = 'must be between 0 and 1';
  return z.number({ error: message }).min(0, message).max(1, message);
}

export function wholeNumber(min: number, max: number) {
  const message = `must be a whole number between ${min} and ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

export function numberBetween(min: number, max: number) {
  const message = `must be a number between ${min} and ${max}`;
  return z.number({ error: message }).min(min, message).max(max, message);
}

/** A number strictly above `min` (and at most `max`). */
export function numberAbove(min: number, max: number) {
  const message = `must be a number above ${min} and at most ${max}`;
  return z.number({ error: message }).gt(min, message).max(max, message);
}

export function flag() {
  return z.boolean({ error: 'must be true or false' });
}
