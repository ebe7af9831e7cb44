import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../config/defaults.ts';
import { negativeBinomialLowerTail } from '../stats/negative-binomial.ts';
import { poissonLowerTail } from '../stats/poisson.ts';
import { weekdayOf } from '../time/days.ts';
import { addToDay, countOn, type DayCounts, EMPTY_DAY_COUNTS, lastActiveDay } from './day-counts.ts';
import { type DeclineOutcome, type DeclineTestInput, measureDecline } from './decline-test.ts';
import { expectedShareOf, holidayTestOf } from './holidays.ts';
import { silenceBasisOf } from './silence-basis.ts';

/**
 * The decline test as it was written first: every window and baseline walked day by day. The
 * running sums must give the same outcome (to rounding) on any ring.
 */
function referenceBaseline(countOf: (day: number) => number, fromDay: number, toDay: number, isHoliday: (day: number) => boolean) {
  const sums = [0, 0, 0, 0, 0, 0, 0];
  const daysPerWeekday = [0, 0, 0, 0, 0, 0, 0];
  let total = 0;
  let days = 0;
  for (let day = fromDay; day <= toDay; day++) {
    if (isHoliday(day)) continue;
    const weekday = weekdayOf(day);
    sums[weekday] = (sums[weekday] as number) + countOf(day);
    daysPerWeekday[weekday] = (daysPerWeekday[weekday] as number) + 1;
    total += countOf(day);
    days++;
  }
  const overallMean = days === 0 ? 0 : total / days;
  const ratesPerWeekday = sums.map((sum, weekday) => (daysPerWeekday[weekday] === 0 ? overallMean : sum / (daysPerWeekday[weekday] as number)));
  const squaredDeviations = [0, 0, 0, 0, 0, 0, 0];
  for (let day = fromDay; day <= toDay; day++) {
    if (isHoliday(day)) continue;
    const weekday = weekdayOf(day);
    squaredDeviations[weekday] = (squaredDeviations[weekday] as number) + (countOf(day) - (ratesPerWeekday[weekday] as number)) ** 2;
  }
  let excessVariance = 0;
  let squaredMeans = 0;
  daysPerWeekday.forEach((n, weekday) => {
    if (n < 2) return;
    const mean = ratesPerWeekday[weekday] as number;
    excessVariance += n * ((squaredDeviations[weekday] as number) / (n - 1) - mean);
    squaredMeans += n * mean ** 2;
  });
  const dispersion = squaredMeans > 0 ? Math.max(0, excessVariance / squaredMeans) : 0;
  return { fromDay, toDay, ratesPerWeekday, dispersion, days, daysPerWeekday };
}

type Baseline = ReturnType<typeof referenceBaseline>;

function referenceWindow(input: DeclineTestInput, windowToDay: number, windowDays: number, baseline: Baseline) {
  const windowFromDay = windowToDay - windowDays + 1;
  const daysOfWeekday = [0, 0, 0, 0, 0, 0, 0];
  let expected = 0;
  let squaredExpected = 0;
  let observedTotal = 0;
  for (let day = windowFromDay; day <= windowToDay; day++) {
    const weekday = weekdayOf(day);
    const share = expectedShareOf(day, input.usage);
    const usual = (baseline.ratesPerWeekday[weekday] ?? 0) * share;
    daysOfWeekday[weekday] = (daysOfWeekday[weekday] as number) + share;
    expected += usual;
    squaredExpected += usual ** 2;
    observedTotal += countOn(input.days, day);
  }
  let baselineVariance = 0;
  daysOfWeekday.forEach((inWindow, weekday) => {
    const rate = baseline.ratesPerWeekday[weekday] ?? 0;
    const behind = (baseline.daysPerWeekday[weekday] ?? 0) > 0 ? (baseline.daysPerWeekday[weekday] as number) : baseline.days;
    baselineVariance += (inWindow ** 2 * (rate + baseline.dispersion * rate ** 2)) / Math.max(1, behind);
  });
  const observed = Math.round(observedTotal);
  const excessVariance = baseline.dispersion * squaredExpected + baselineVariance;
  const size = excessVariance > 0 && expected > 0 ? expected ** 2 / excessVariance : null;
  const negativeBinomial = size !== null && size <= 1e6;
  const pValue = negativeBinomial ? negativeBinomialLowerTail(observed, expected, size) : poissonLowerTail(observed, expected);
  return { windowFromDay, windowToDay, baseline, expected, observed, relativeDrop: expected > 0 ? 1 - observed / expected : 0, pValue };
}

function referenceDecline(input: DeclineTestInput) {
  const { usage, evaluationDay, days } = input;
  const windowToDay = Math.min(evaluationDay - 1, input.lastActiveDay ?? evaluationDay - 1);
  const measured: ReturnType<typeof referenceWindow>[] = [];
  for (let windowDays = usage.recentWindowDays; windowDays <= usage.maxRecentWindowDays; windowDays += 7) {
    const windowFromDay = windowToDay - windowDays + 1;
    const weeks = Math.min(usage.baselineWeeks, Math.floor((windowFromDay - Math.max(input.firstSeenDay, days.startDay)) / 7));
    if (weeks < usage.minBaselineWeeks) {
      if (measured.length === 0) return { status: 'insufficient_history' as const, baselineWeeks: Math.max(0, weeks) };
      break;
    }
    const baseline = referenceBaseline((day) => countOn(days, day), windowFromDay - 7 * weeks, windowFromDay - 1, holidayTestOf(usage));
    measured.push(referenceWindow(input, windowToDay, windowDays, baseline));
  }
  const testable = measured.filter((measurement) => measurement.expected >= usage.minExpectedCount);
  const windowsTested = Math.max(1, testable.length);
  const recovered = (measured[0]?.relativeDrop ?? 0) < usage.recoveredBelowRelativeDrop;
  const declining = recovered ? undefined : testable.find((m) => m.pValue < usage.alpha / windowsTested && m.relativeDrop >= usage.minRelativeDrop);
  return { status: 'measured' as const, measurement: { ...(declining ?? testable[0] ?? (measured.at(-1) as (typeof measured)[number])), windowsTested } };
}

/** A small deterministic generator (an LCG), so the sequence is the same on every run. */
function sequence(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

function expectSame(actual: DeclineOutcome, expected: ReturnType<typeof referenceDecline>) {
  expect(actual.status).toBe(expected.status);
  if (actual.status !== 'measured' || expected.status !== 'measured') return;
  const [a, e] = [actual.measurement, expected.measurement];
  expect([a.windowFromDay, a.windowToDay, a.observed, a.windowsTested, a.baseline.fromDay, a.baseline.toDay]).toEqual([
    e.windowFromDay,
    e.windowToDay,
    e.observed,
    e.windowsTested,
    e.baseline.fromDay,
    e.baseline.toDay,
  ]);
  for (const [weekday, rate] of a.baseline.ratesPerWeekday.entries()) close(rate, e.baseline.ratesPerWeekday[weekday] as number);
  expect(a.baseline.daysPerWeekday).toEqual(e.baseline.daysPerWeekday);
  close(a.baseline.dispersion, e.baseline.dispersion);
  close(a.expected, e.expected);
  close(a.relativeDrop, e.relativeDrop);
  close(a.pValue, e.pValue);
}

// 2025-12-01: the rings below run over the year-end holidays.
const FIRST_DAY = 20_423;
const usage = { ...DEFAULT_THRESHOLDS.usage, holidays: ['2026-02-16'] };

describe('the decline test on running sums', () => {
  it('measures what the day-by-day walk measures, on rings of every shape', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const next = sequence(seed);
      const level = 1 + next(40);
      let days: DayCounts = EMPTY_DAY_COUNTS;
      let firstSeenDay: number | null = null;
      for (let offset = 0; offset < 130; offset++) {
        const day = FIRST_DAY + offset;
        // Some days without usage, some late events on an earlier day; quarters keep sums exact in any order.
        const events = next(5) === 0 ? 0 : 1 + next(3);
        for (let event = 0; event < events; event++) {
          const onDay = next(10) === 0 ? day - 1 - next(20) : day;
          const amount = seed % 3 === 0 ? 1 + next(level) : next(level) + next(4) / 4;
          const added = addToDay(days, onDay, amount, 120);
          if (!added.accepted) continue;
          days = added.ring;
          firstSeenDay = Math.min(firstSeenDay ?? onDay, onDay);
        }
        if (firstSeenDay === null) continue;
        for (const evaluationDay of [day, day + 1, day + 9]) {
          const input = { days, firstSeenDay, evaluationDay, lastActiveDay: lastActiveDay(days), usage };
          expectSame(measureDecline(input), referenceDecline(input));
        }
      }
    }
  }, 60_000);

  it('gives the silence test the rates the walk gives', () => {
    let days: DayCounts = EMPTY_DAY_COUNTS;
    for (let offset = 0; offset < 20; offset++) days = addToDay(days, FIRST_DAY + offset, 3 + (offset % 7), 120).ring;
    const basis = silenceBasisOf(days, FIRST_DAY, FIRST_DAY + 19, usage);
    const reference = referenceBaseline((day) => countOn(days, day), FIRST_DAY + 5, FIRST_DAY + 18, holidayTestOf(usage));
    expect(basis?.ratesPerWeekday).toEqual(reference.ratesPerWeekday);
    close(basis?.dispersion ?? Number.NaN, reference.dispersion);
    expect(basis?.total).toBe(Array.from({ length: 14 }, (_, i) => countOn(days, FIRST_DAY + 5 + i)).reduce((sum, count) => sum + count, 0));
  });
});
