import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../config/defaults.ts';
import { addToDay, type DayCounts, EMPTY_DAY_COUNTS, lastActiveDay, newestDay } from './day-counts.ts';
import { type DeclineTestInput, measureDecline } from './decline-test.ts';
import { carryRemembered, measureDeclineRemembered } from './remembered-decline.ts';

/** A fixed pseudo-random sequence, so a failure can be replayed. */
function randomOf(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const START_DAY = 20_089;

/**
 * Rings as the usage monitor makes them (same-day, next-day, gap and late events, whole or
 * fractional counts, short and long rings), carried over on every new day as the monitor does;
 * after each event the questions the monitor asks, with and without a frozen baseline.
 */
function* walk(seed: number, maxDays: number, fractional: boolean): Generator<{ input: DeclineTestInput; label: string }> {
  const random = randomOf(seed);
  const usage = DEFAULT_THRESHOLDS.usage;
  let ring: DayCounts = EMPTY_DAY_COUNTS;
  let firstSeenDay: number | null = null;
  let today = START_DAY;
  let frozen: DeclineTestInput['frozenBaseline'];
  for (let step = 0; step < 900; step++) {
    const roll = random();
    today += roll < 0.55 ? 0 : roll < 0.95 ? 1 : 1 + Math.floor(random() * 10);
    const day = random() < 0.1 ? today - Math.floor(random() * (maxDays + 5)) : today;
    const amount = fractional ? Math.round(random() * 4000) / 100 : Math.floor(random() * 40);
    const newest = newestDay(ring);
    const { ring: next, accepted } = addToDay(ring, day, amount, maxDays);
    if (!accepted) continue;
    if (newest !== null && day > newest) carryRemembered(ring, next);
    ring = next;
    firstSeenDay = firstSeenDay === null ? day : Math.min(firstSeenDay, day);
    const asked: DeclineTestInput[] = [
      { days: ring, firstSeenDay, evaluationDay: today, lastActiveDay: lastActiveDay(ring), usage },
      { days: ring, firstSeenDay, evaluationDay: today + 1, lastActiveDay: lastActiveDay(ring), usage },
      { days: ring, firstSeenDay, evaluationDay: day + 1, lastActiveDay: day, usage, shortestOnly: true },
    ];
    if (frozen !== undefined)
      asked.push({ days: ring, firstSeenDay, evaluationDay: today, lastActiveDay: lastActiveDay(ring), usage, frozenBaseline: frozen, frozenWindowDays: 21 });
    for (const [index, input] of asked.entries()) {
      const outcome = measureDeclineRemembered(input);
      // Freeze a baseline now and then, as an opening decline does, and keep it for a while.
      if (outcome.status === 'measured' && (frozen === undefined || random() < 0.01) && random() < 0.05) frozen = outcome.measurement.baseline;
      yield { input, label: `seed ${seed}, step ${step}, question ${index}` };
    }
  }
}

describe('the remembered decline test', () => {
  it.each([
    [1, 120, false],
    [2, 120, true],
    [3, 28, false],
    [4, 400, false],
    [5, 60, true],
  ])('answers as measureDecline does after every event, carried over each new day (seed %i, %i days, fractional %s)', (seed, maxDays, fractional) => {
    let answered = 0;
    for (const { input, label } of walk(seed, maxDays, fractional)) {
      expect(measureDeclineRemembered(input), label).toEqual(measureDecline(input));
      answered++;
    }
    expect(answered).toBeGreaterThan(1000);
  });

  it('carries an answer over to the next day’s ring, so the day’s first event does not test again', () => {
    const usage = DEFAULT_THRESHOLDS.usage;
    let ring: DayCounts = EMPTY_DAY_COUNTS;
    for (let day = START_DAY; day < START_DAY + 150; day++) ring = addToDay(ring, day, 10 + (day % 7), 120).ring;
    const asOf = (days: DayCounts): DeclineTestInput => ({
      days,
      firstSeenDay: START_DAY + 30,
      evaluationDay: START_DAY + 150,
      lastActiveDay: lastActiveDay(days),
      usage,
    });
    const timerOutcome = measureDeclineRemembered(asOf(ring));
    const next = addToDay(ring, START_DAY + 150, 12, 120).ring;
    carryRemembered(ring, next);
    expect(next.startDay).toBeGreaterThan(ring.startDay);
    // The very object: remembered, not measured again.
    expect(measureDeclineRemembered(asOf(next))).toBe(timerOutcome);
  });
});
