import { ReplayUsageError } from '../errors.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

/**
 * An `--until` value: an ISO instant with an offset, or a date meaning its last millisecond
 * (UTC), so `--until 2025-12-31` replays that whole day. Returns ms since the epoch.
 */
export function parseUntil(value: string, option = '--until'): number {
  if (DATE.test(value)) {
    const startMs = Date.parse(`${value}T00:00:00.000Z`);
    if (!Number.isNaN(startMs) && new Date(startMs).toISOString().startsWith(value)) return startMs + MS_PER_DAY - 1;
  } else if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) {
    return Date.parse(value);
  }
  throw new ReplayUsageError(`${option} must be a date YYYY-MM-DD or an ISO instant with an offset (got ${JSON.stringify(value)})`);
}

/** A whole number option within bounds. */
export function parseWhole(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new ReplayUsageError(`${option} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return n;
}

/** A probability option strictly between 0 and 1. */
export function parseProbability(value: string, option: string): number {
  const p = Number(value);
  if (!/^(0?\.\d+|0|1)$/.test(value) || !(p > 0 && p < 1))
    throw new ReplayUsageError(`${option} must be a probability between 0 and 1 (got ${JSON.stringify(value)})`);
  return p;
}
