import type { Thresholds } from '../config/sections.ts';
import { negativeBinomialLowerTail } from '../stats/negative-binomial.ts';
import { poissonLowerTail } from '../stats/poisson.ts';
import { weekdayOf } from '../time/days.ts';
import { countOn, type DayCounts } from './day-counts.ts';
import { expectedShareOf, holidayTestOf } from './holidays.ts';
import { buildWeekdayBaseline, type WeekdayBaseline } from './weekday-baseline.ts';

/**
 * The decline test of one customer on one day. The recent window is the `recentWindowDays`
 * whole days before `evaluationDay` (today is not over, so it is never in the window), ending
 * early at the last day with usage: a trailing run of days without any usage is a silence, which
 * the silence detector reports on its own, so that a customer who stops gets one alert and not
 * two. The baseline is up to `baselineWeeks` whole weeks right before the window, never reaching
 * before the customer's first usage day.
 *
 * Windows of `recentWindowDays` and then of whole weeks more, up to `maxRecentWindowDays`, are
 * each tested against the weeks right before them. Two weeks show a sudden drop soonest; longer
 * windows average out day-to-day noise and reach further back past a baseline that a slow decline
 * has already pulled down, so they catch a gradual decline earlier, and a small account that
 * expects too little in two weeks to be judged (`minExpectedCount`) gets judged at all. Every
 * window with enough expected volume is a test, so each is held to alpha / (number of them)
 * (Bonferroni): more windows do not mean more false alarms. None shows a decline once the last
 * `recentWindowDays` are back within `recoveredBelowRelativeDrop` of normal. The reported
 * measurement is the shortest window that shows a decline, else the shortest with enough volume.
 *
 * Expected count μ = Σ over the window's days of the baseline rate of that day's weekday (a
 * holiday's rate times `holidayExpectedFactor`). Observed K = the window's total (rounded: the
 * tests are on counts). Under "nothing changed", K − μ has two sources of variance: the days
 * themselves, negative binomial of dispersion α and independent (μ + α·Σ e_d²), and the
 * baseline's own error, since μ is estimated from a few weeks (Σ_w c_w²·(m_w + α·m_w²)/n_w, with
 * c_w the window's days of weekday w and n_w the baseline's). Leaving the second out is what made
 * two-week dips of healthy accounts look significant. K is tested against the negative binomial
 * with mean μ and that total variance (size r = μ² / (variance − μ)); when r is so large that it
 * equals the Poisson, the Poisson(μ) tail is used. The p-value is P(X ≤ K): how unlikely so
 * little usage is if nothing changed. Pure.
 */
export interface DeclineMeasurement {
  readonly windowFromDay: number;
  readonly windowToDay: number;
  readonly baseline: WeekdayBaseline;
  /** Whole weeks of baseline used (fewer than configured for a young customer). */
  readonly baselineWeeks: number;
  readonly expected: number;
  /** The standard error of `expected` from the baseline's own noise. */
  readonly expectedError: number;
  /** How many windows were tested (those expecting enough volume): each is held to alpha / windowsTested. */
  readonly windowsTested: number;
  readonly observed: number;
  /** 1 − K/μ; negative when usage grew; 0 when nothing was expected. */
  readonly relativeDrop: number;
  readonly test: 'poisson' | 'negative_binomial';
  /** The negative binomial size r; null for the Poisson test. */
  readonly size: number | null;
  readonly pValue: number;
}

export type DeclineOutcome =
  | { readonly status: 'insufficient_history'; readonly baselineWeeks: number }
  | { readonly status: 'measured'; readonly measurement: DeclineMeasurement };

/** Above this size the negative binomial equals the Poisson to well within test precision. */
const POISSON_EQUIVALENT_SIZE = 1e6;

export interface DeclineTestInput {
  readonly days: DayCounts;
  /** The customer's first day with counted usage. */
  readonly firstSeenDay: number;
  readonly evaluationDay: number;
  /** The last day with counted usage, if the ring still holds one. */
  readonly lastActiveDay: number | null;
  readonly usage: Thresholds['usage'];
  /** While a decline is open its baseline is frozen, so a customer that stays low does not become its own new normal. */
  readonly frozenBaseline?: WeekdayBaseline | undefined;
  /** …and so is the length of its window. */
  readonly frozenWindowDays?: number | undefined;
  /** Only the `recentWindowDays` window (the silence test's fallback basis). */
  readonly shortestOnly?: boolean;
}

export function measureDecline(input: DeclineTestInput): DeclineOutcome {
  const { usage, evaluationDay } = input;
  const windowToDay = Math.min(evaluationDay - 1, input.lastActiveDay ?? evaluationDay - 1);
  if (input.frozenBaseline !== undefined) {
    const windowDays = input.frozenWindowDays ?? usage.recentWindowDays;
    return { status: 'measured', measurement: measureWindow(input, windowToDay, windowDays, input.frozenBaseline, 1) };
  }
  const measured: Omit<DeclineMeasurement, 'windowsTested'>[] = [];
  const maxWindowDays = input.shortestOnly ? usage.recentWindowDays : Math.max(usage.recentWindowDays, usage.maxRecentWindowDays);
  for (let windowDays = usage.recentWindowDays; windowDays <= maxWindowDays; windowDays += 7) {
    const baseline = baselineBefore(input, windowToDay - windowDays + 1);
    if (baseline.status === 'insufficient_history') {
      if (measured.length === 0) return baseline;
      break;
    }
    measured.push(measureWindow(input, windowToDay, windowDays, baseline.baseline, 1));
  }
  const testable = measured.filter((measurement) => measurement.expected >= usage.minExpectedCount);
  const windowsTested = Math.max(1, testable.length);
  // A longer window still remembers a dip the last two weeks have recovered from: that is no decline.
  const recovered = (measured[0]?.relativeDrop ?? 0) < usage.recoveredBelowRelativeDrop;
  const declining = recovered
    ? undefined
    : testable.find((measurement) => measurement.pValue < usage.alpha / windowsTested && measurement.relativeDrop >= usage.minRelativeDrop);
  const reported = declining ?? testable[0] ?? (measured.at(-1) as Omit<DeclineMeasurement, 'windowsTested'>);
  return { status: 'measured', measurement: { ...reported, windowsTested } };
}

type BaselineOutcome =
  | { readonly status: 'insufficient_history'; readonly baselineWeeks: number }
  | { readonly status: 'built'; readonly baseline: WeekdayBaseline };

function baselineBefore(input: DeclineTestInput, windowFromDay: number): BaselineOutcome {
  const { days, usage } = input;
  const earliestKnown = Math.max(input.firstSeenDay, days.startDay);
  const baselineWeeks = Math.min(usage.baselineWeeks, Math.floor((windowFromDay - earliestKnown) / 7));
  if (baselineWeeks < usage.minBaselineWeeks) return { status: 'insufficient_history', baselineWeeks: Math.max(0, baselineWeeks) };
  const isHoliday = holidayTestOf(usage);
  const baseline = buildWeekdayBaseline((day) => countOn(days, day), weekdayOf, windowFromDay - 7 * baselineWeeks, windowFromDay - 1, isHoliday);
  return { status: 'built', baseline };
}

function measureWindow(input: DeclineTestInput, windowToDay: number, windowDays: number, baseline: WeekdayBaseline, windowsTested: number): DeclineMeasurement {
  const { days, usage } = input;
  const windowFromDay = windowToDay - windowDays + 1;
  const dispersion = baseline.dispersion;
  const daysOfWeekday = [0, 0, 0, 0, 0, 0, 0];
  let expected = 0;
  let squaredExpected = 0;
  let observedTotal = 0;
  for (let day = windowFromDay; day <= windowToDay; day++) {
    const weekday = weekdayOf(day);
    const share = expectedShareOf(day, usage);
    const usual = (baseline.ratesPerWeekday[weekday] ?? 0) * share;
    daysOfWeekday[weekday] = (daysOfWeekday[weekday] as number) + share;
    expected += usual;
    squaredExpected += usual ** 2;
    observedTotal += countOn(days, day);
  }
  let baselineVariance = 0;
  daysOfWeekday.forEach((inWindow, weekday) => {
    const rate = baseline.ratesPerWeekday[weekday] ?? 0;
    baselineVariance += (inWindow ** 2 * (rate + dispersion * rate ** 2)) / Math.max(1, daysBehind(baseline, weekday));
  });
  const observed = Math.round(observedTotal);
  const excessVariance = dispersion * squaredExpected + baselineVariance;
  const size = excessVariance > 0 && expected > 0 ? expected ** 2 / excessVariance : null;
  const useNegativeBinomial = size !== null && size <= POISSON_EQUIVALENT_SIZE;
  const pValue = useNegativeBinomial ? negativeBinomialLowerTail(observed, expected, size) : poissonLowerTail(observed, expected);
  return {
    windowFromDay,
    windowToDay,
    baseline,
    baselineWeeks: Math.round((baseline.toDay - baseline.fromDay + 1) / 7),
    expected,
    expectedError: Math.sqrt(baselineVariance),
    windowsTested,
    observed,
    relativeDrop: expected > 0 ? 1 - observed / expected : 0,
    test: useNegativeBinomial ? 'negative_binomial' : 'poisson',
    size: useNegativeBinomial ? size : null,
    pValue,
  };
}

/**
 * How many baseline days a weekday's rate rests on: its own days, or all of them for a weekday
 * without any (it took the overall mean); a baseline frozen before the count per weekday was
 * kept is taken as evenly spread.
 */
function daysBehind(baseline: WeekdayBaseline, weekday: number): number {
  if (baseline.daysPerWeekday === undefined) return baseline.days / 7;
  const own = baseline.daysPerWeekday[weekday] ?? 0;
  return own > 0 ? own : baseline.days;
}
