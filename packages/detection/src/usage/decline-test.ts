import type { Thresholds } from '../config/sections.ts';
import { negativeBinomialLowerTail } from '../stats/negative-binomial.ts';
import { poissonLowerTail } from '../stats/poisson.ts';
import type { DayCounts } from './day-counts.ts';
import { covers, type DaySums, daySumsOf, daysPerWeekdayOver, sumPerWeekday, totalOver } from './day-sums.ts';
import { type WeekdayBaseline, weekdayBaselineOf } from './weekday-baseline.ts';

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
  if (input.frozenBaseline === undefined) {
    // A young customer has no baseline even for the shortest window: no test, and nothing to sum.
    const weeks = baselineWeeksBefore(input, windowToDay - usage.recentWindowDays + 1);
    if (weeks < usage.minBaselineWeeks) return { status: 'insufficient_history', baselineWeeks: Math.max(0, weeks) };
  }
  const longestWindowDays = Math.max(usage.recentWindowDays, usage.maxRecentWindowDays, input.frozenWindowDays ?? 0);
  const sums = daySumsOf(input.days, Math.min(input.days.startDay, windowToDay - longestWindowDays + 1), windowToDay, usage);
  if (input.frozenBaseline !== undefined) {
    const windowDays = input.frozenWindowDays ?? usage.recentWindowDays;
    const window = measureWindow(sums, usage, windowToDay, windowDays, input.frozenBaseline);
    return { status: 'measured', measurement: { ...window, pValue: pValueOf(window), windowsTested: 1 } };
  }
  const measured: WindowMeasurement[] = [];
  const maxWindowDays = input.shortestOnly ? usage.recentWindowDays : Math.max(usage.recentWindowDays, usage.maxRecentWindowDays);
  for (let windowDays = usage.recentWindowDays; windowDays <= maxWindowDays; windowDays += 7) {
    const baseline = baselineBefore(input, sums, windowToDay - windowDays + 1);
    // The shortest window's baseline is there (above): a longer one's may reach too far back.
    if (baseline.status === 'insufficient_history') break;
    measured.push(measureWindow(sums, usage, windowToDay, windowDays, baseline.baseline));
  }
  const testable = measured.filter((measurement) => measurement.expected >= usage.minExpectedCount);
  const windowsTested = Math.max(1, testable.length);
  // A longer window still remembers a dip the last two weeks have recovered from: that is no decline.
  const recovered = (measured[0]?.relativeDrop ?? 0) < usage.recoveredBelowRelativeDrop;
  // The p-value (the costly part) only of a window whose drop is large enough to count, and of the one reported.
  const declining = recovered
    ? undefined
    : testable.find((measurement) => measurement.relativeDrop >= usage.minRelativeDrop && pValueOf(measurement) < usage.alpha / windowsTested);
  const reported = declining ?? testable[0] ?? (measured.at(-1) as WindowMeasurement);
  return { status: 'measured', measurement: { ...reported, pValue: pValueOf(reported), windowsTested } };
}

/** A window's measurement before its p-value is worked out (see `pValueOf`). */
type WindowMeasurement = Omit<DeclineMeasurement, 'pValue' | 'windowsTested'>;

/** P(X ≤ observed) under "nothing changed": the negative binomial of the window's size, or the Poisson. */
function pValueOf(measurement: WindowMeasurement): number {
  const { observed, expected, size } = measurement;
  return size !== null ? negativeBinomialLowerTail(observed, expected, size) : poissonLowerTail(observed, expected);
}

type BaselineOutcome =
  | { readonly status: 'insufficient_history'; readonly baselineWeeks: number }
  | { readonly status: 'built'; readonly baseline: WeekdayBaseline };

/** Whole weeks of baseline before a window starting on `windowFromDay`: up to `baselineWeeks`, never before the earliest day known. */
function baselineWeeksBefore(input: DeclineTestInput, windowFromDay: number): number {
  const earliestKnown = Math.max(input.firstSeenDay, input.days.startDay);
  return Math.min(input.usage.baselineWeeks, Math.floor((windowFromDay - earliestKnown) / 7));
}

function baselineBefore(input: DeclineTestInput, sums: DaySums, windowFromDay: number): BaselineOutcome {
  const { usage } = input;
  const baselineWeeks = baselineWeeksBefore(input, windowFromDay);
  if (baselineWeeks < usage.minBaselineWeeks) return { status: 'insufficient_history', baselineWeeks: Math.max(0, baselineWeeks) };
  return { status: 'built', baseline: weekdayBaselineOf(sums, windowFromDay - 7 * baselineWeeks, windowFromDay - 1) };
}

/**
 * The window's test. Per weekday w its days' shares c_w (1 a day, a holiday's factor on a
 * holiday) give μ = Σ_w m_w·c_w and Σ e_d² = Σ_w m_w²·Σ share², read from the running sums.
 */
function measureWindow(sums: DaySums, usage: Thresholds['usage'], windowToDay: number, windowDays: number, baseline: WeekdayBaseline): WindowMeasurement {
  const windowFromDay = windowToDay - windowDays + 1;
  const dispersion = baseline.dispersion;
  // Per weekday: its whole days and its holidays in the window; c_w = whole + factor × holidays.
  const holidays = sumPerWeekday(sums, sums.holidays, windowFromDay, windowToDay, [0, 0, 0, 0, 0, 0, 0]);
  const wholeDays = daysPerWeekdayOver(windowFromDay, windowToDay, [0, 0, 0, 0, 0, 0, 0]).map((days, weekday) => days - (holidays[weekday] as number));
  const factor = usage.holidayExpectedFactor;
  const daysOfWeekday = wholeDays.map((days, weekday) => days + factor * (holidays[weekday] as number));
  let expected = expectedByTotals(sums, baseline, wholeDays, holidays, factor);
  const byRates = expected === null;
  let squaredExpected = 0;
  let baselineVariance = 0;
  for (let weekday = 0; weekday < 7; weekday++) {
    const rate = baseline.ratesPerWeekday[weekday] ?? 0;
    const inWindow = daysOfWeekday[weekday] as number;
    if (byRates) expected = (expected ?? 0) + rate * inWindow;
    squaredExpected += rate * rate * ((wholeDays[weekday] as number) + factor * factor * (holidays[weekday] as number));
    baselineVariance += (inWindow ** 2 * (rate + dispersion * rate ** 2)) / Math.max(1, daysBehind(baseline, weekday));
  }
  expected ??= 0;
  const observed = Math.round(totalOver(sums, windowFromDay, windowToDay));
  const excessVariance = dispersion * squaredExpected + baselineVariance;
  const size = excessVariance > 0 && expected > 0 ? expected ** 2 / excessVariance : null;
  const useNegativeBinomial = size !== null && size <= POISSON_EQUIVALENT_SIZE;
  return {
    windowFromDay,
    windowToDay,
    baseline,
    baselineWeeks: Math.round((baseline.toDay - baseline.fromDay + 1) / 7),
    expected,
    expectedError: Math.sqrt(baselineVariance),
    observed,
    relativeDrop: expected > 0 ? 1 - observed / expected : 0,
    test: useNegativeBinomial ? 'negative_binomial' : 'poisson',
    size: useNegativeBinomial ? size : null,
  };
}

/**
 * μ = Σ_w S_w·c_w / n_w as one fraction over the least common multiple of the n_w (the baseline
 * days per weekday; `days` for a weekday without any, which takes the overall mean): whole
 * counts then give μ exactly whenever it is a representable number, so a window that used
 * exactly its usual amount is at exactly 100 % and a μ of exactly `minExpectedCount` is enough.
 * Null when the sums no longer hold the baseline's days as they were when it was made (a frozen
 * baseline): μ is then Σ_w m_w·c_w.
 */
function expectedByTotals(sums: DaySums, baseline: WeekdayBaseline, wholeDays: readonly number[], holidays: readonly number[], factor: number): number | null {
  const perWeekday = baseline.daysPerWeekday;
  if (perWeekday === undefined || baseline.days === 0 || !covers(sums, baseline.fromDay, baseline.toDay)) return null;
  const totals = sumPerWeekday(sums, sums.baselineCount, baseline.fromDay, baseline.toDay, [0, 0, 0, 0, 0, 0, 0]);
  const total = totals.reduce((sum, count) => sum + count, 0);
  let denominator = 1;
  for (let weekday = 0; weekday < 7; weekday++) denominator = leastCommonMultiple(denominator, (perWeekday[weekday] as number) || baseline.days);
  let onWholeDays = 0;
  let onHolidays = 0;
  for (let weekday = 0; weekday < 7; weekday++) {
    const days = perWeekday[weekday] as number;
    const sum = days > 0 ? (totals[weekday] as number) : total;
    const over = days > 0 ? days : baseline.days;
    if (sum / over !== baseline.ratesPerWeekday[weekday]) return null;
    const scaled = sum * (denominator / over);
    onWholeDays += scaled * (wholeDays[weekday] as number);
    onHolidays += scaled * (holidays[weekday] as number);
  }
  return (onWholeDays + factor * onHolidays) / denominator;
}

function leastCommonMultiple(a: number, b: number): number {
  // Plain variables: a swap by destructuring made an array per step, and this runs per window tested.
  let x = a;
  let y = b;
  while (y !== 0) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return (a / x) * b;
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
