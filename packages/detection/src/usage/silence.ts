import type { AlertEvidence } from '@churnwatch/contracts';
import type { Thresholds } from '../config/sections.ts';
import { roundTo } from '../numbers.ts';
import type { Finding } from '../signals/signal-contract.ts';
import { dateOfDayIndex, dayIndexOf, dayStartMs, isoOf, MS_PER_DAY, weekdayOf, wholeDaysBetween } from '../time/days.ts';
import { expectedShareOf } from './holidays.ts';
import type { SilenceBasis } from './silence-basis.ts';

type SilenceThresholds = Thresholds['silence'];
type UsageThresholds = Thresholds['usage'];

/**
 * "Usage stopped", tested against the customer's own rhythm. Over the silent stretch since the
 * last usage, the customer would usually have used the product E times (its weekday rates from
 * the weeks before, a holiday at `holidayExpectedFactor`, pro rata within a day). Daily counts
 * are modelled as in the decline test: negative binomial with the baseline's over-dispersion α,
 * so a day expecting e has no usage with probability (1 + α·e)^(−1/α), and the stretch with the
 * product of its days; with α = 0 that is the Poisson exp(−E). (A bursty customer has more empty
 * days than a Poisson one, and a Poisson test calls its ordinary quiet spells significant.) The
 * warning opens once P(no usage) is below `alpha` and the silence has lasted `warningAfterDays`;
 * critical below `criticalAlpha` and after `criticalAfterDays`; both, with `beyondLongestPause`,
 * only once the silence has outlasted the customer's longest pause by `longestPauseMarginDays`
 * (its own history of gaps says more about a bursty customer than the count model). A daily account is caught at the
 * minimum; one that works once a week only after its own, longer horizon. No test without a
 * basis (less than a week of history) or with less than `minBaselineCount` usage in it: so
 * little usage says nothing about a silence.
 *
 * The usual rates are themselves estimated, from the basis's total S, and a small account's are
 * rough: taking them as exact called ordinary quiet spells of small accounts significant
 * (backtest seed 42: all 5 healthy customers alerted had 25–61 uses in their 8 basis weeks). So,
 * as the decline test allows for its baseline's error, the rates are taken as known up to a
 * factor g ~ Gamma(S, S) (mean 1, the conjugate of S counts): P(no usage) = E[e^(−g·W)] =
 * (1 + W/S)^(−S), with W the weight above. A large account's S makes that e^(−W); a small
 * account's waits a little longer.
 *
 * −ln P(no usage) grows with time, so each threshold is crossed at one moment, solved from the
 * rates; the monitor's timer is set there, and that moment (not when a timer happened to fire) is
 * the finding's `since`. Pure.
 */
export interface SilenceSchedule {
  /** When the warning opens; null when it cannot before `limitMs` (or no test is made). */
  readonly warningAtMs: number | null;
  readonly criticalAtMs: number | null;
}

export interface SilenceInput {
  readonly lastUsageMs: number;
  /** Null when the customer's history holds less than a week before its last usage day. */
  readonly basis: SilenceBasis | null;
  /** The customer's longest pause before its last usage, in whole days without usage (see pauses.ts). */
  readonly longestPauseDays: number;
  readonly silence: SilenceThresholds;
  readonly usage: UsageThresholds;
  /** Nothing is scheduled beyond this (the customer is dormant by then). */
  readonly limitMs: number;
}

/** Whether the test is made at all: a basis with enough usage in it. */
export function testable(input: SilenceInput): input is SilenceInput & { basis: SilenceBasis } {
  return input.basis !== null && input.basis.total >= input.silence.minBaselineCount && input.basis.total > 0;
}

/** The usage expected from `fromMs` to `toMs` had the customer gone on as usual. */
export function expectedDuring(basis: SilenceBasis, usage: UsageThresholds, fromMs: number, toMs: number): number {
  return sumOverDays(basis, usage, fromMs, toMs, (expected) => expected);
}

/** −ln P(no usage at all from `fromMs` to `toMs`) had the customer gone on at its usual rates, taken as exact. */
export function silenceWeight(basis: SilenceBasis, usage: UsageThresholds, fromMs: number, toMs: number): number {
  return sumOverDays(basis, usage, fromMs, toMs, (expected) => zeroWeight(expected, basis.dispersion));
}

/** P(no usage) for a silence of weight `weight` (silenceWeight), the rates known from `total` uses: (1 + W/S)^(−S). */
export function noUsageProbability(weight: number, total: number): number {
  return Math.exp(-total * Math.log1p(weight / total));
}

/** The weight at which noUsageProbability falls to `alpha`: S·(alpha^(−1/S) − 1), above −ln alpha. */
export function weightForProbability(alpha: number, total: number): number {
  return total * Math.expm1(-Math.log(alpha) / total);
}

/** −ln P(X = 0) for a day's count X with mean `expected`: negative binomial of dispersion α, Poisson when α = 0. */
function zeroWeight(expected: number, dispersion: number): number {
  return dispersion > 0 ? Math.log1p(dispersion * expected) / dispersion : expected;
}

/** The part of a day expecting `rate` that carries `weight`: the inverse of zeroWeight. */
function fractionFor(weight: number, rate: number, dispersion: number): number {
  return dispersion > 0 ? Math.expm1(dispersion * weight) / (dispersion * rate) : weight / rate;
}

function sumOverDays(basis: SilenceBasis, usage: UsageThresholds, fromMs: number, toMs: number, ofDay: (expected: number) => number): number {
  let total = 0;
  for (let day = dayIndexOf(fromMs); day <= dayIndexOf(toMs) && dayStartMs(day) < toMs; day++) {
    const coveredMs = Math.min(toMs, dayStartMs(day + 1)) - Math.max(fromMs, dayStartMs(day));
    total += ofDay(rateOn(basis, usage, day) * (coveredMs / MS_PER_DAY));
  }
  return total;
}

function rateOn(basis: SilenceBasis, usage: UsageThresholds, day: number): number {
  return (basis.ratesPerWeekday[weekdayOf(day)] ?? 0) * expectedShareOf(day, usage);
}

/** The first moment −ln P(no usage since `fromMs`) reaches `target`, or null when not before `limitMs`. */
function momentWeightReaches(basis: SilenceBasis, usage: UsageThresholds, fromMs: number, target: number, limitMs: number): number | null {
  let reached = 0;
  for (let day = dayIndexOf(fromMs); dayStartMs(day) < limitMs; day++) {
    const startMs = Math.max(fromMs, dayStartMs(day));
    const rate = rateOn(basis, usage, day);
    const dayWeight = zeroWeight(rate * ((dayStartMs(day + 1) - startMs) / MS_PER_DAY), basis.dispersion);
    if (rate > 0 && reached + dayWeight >= target) {
      const atMs = startMs + Math.ceil(fractionFor(target - reached, rate, basis.dispersion) * MS_PER_DAY);
      return atMs <= limitMs ? atMs : null;
    }
    reached += dayWeight;
  }
  return null;
}

/** When the warning and the critical threshold are crossed, each the later of its probability and its minimum of days. */
export function silenceSchedule(input: SilenceInput): SilenceSchedule {
  if (!testable(input)) return { warningAtMs: null, criticalAtMs: null };
  const { basis, silence, usage, lastUsageMs, limitMs } = input;
  const pastOwnPausesMs = silence.beyondLongestPause
    ? dayStartMs(dayIndexOf(lastUsageMs) + 1 + input.longestPauseDays + silence.longestPauseMarginDays)
    : lastUsageMs;
  const crossing = (alpha: number, minDays: number) => {
    const atMs = momentWeightReaches(basis, usage, lastUsageMs, weightForProbability(alpha, basis.total), limitMs);
    return atMs === null ? null : Math.max(atMs, lastUsageMs + minDays * MS_PER_DAY, pastOwnPausesMs);
  };
  return { warningAtMs: crossing(silence.alpha, silence.warningAfterDays), criticalAtMs: crossing(silence.criticalAlpha, silence.criticalAfterDays) };
}

/** The usage_stopped finding at `nowMs` under `schedule` (silenceSchedule(input)), or null while the silence is not (yet) significant. */
export function silenceFinding(input: SilenceInput, schedule: SilenceSchedule, nowMs: number, unit: string, ruleVersion: string): Finding | null {
  const { warningAtMs, criticalAtMs } = schedule;
  if (warningAtMs === null || nowMs < warningAtMs || input.basis === null) return null;
  const severity = criticalAtMs !== null && nowMs >= criticalAtMs ? 'critical' : 'warning';
  const expected = expectedDuring(input.basis, input.usage, input.lastUsageMs, nowMs);
  const lastDate = dateOfDayIndex(dayIndexOf(input.lastUsageMs));
  return {
    kind: 'usage_stopped',
    severity,
    since: isoOf(warningAtMs),
    headline: `No usage for ${wholeDaysBetween(input.lastUsageMs, nowMs)} days (last on ${lastDate}); ${roundTo(expected, 1)} ${unit} would be usual by now`,
    fingerprint: severity,
    evidence: [silenceEvidence(input, nowMs, ruleVersion)],
  };
}

export function silenceEvidence(input: SilenceInput, nowMs: number, ruleVersion: string): AlertEvidence {
  const { basis, silence, lastUsageMs } = input;
  const tested = testable(input);
  const expected = tested ? expectedDuring(input.basis, input.usage, lastUsageMs, nowMs) : null;
  return {
    detector: 'usage-silence',
    ruleVersion,
    window: { from: isoOf(lastUsageMs), to: isoOf(nowMs) },
    ...(basis === null ? {} : { baseline: { from: isoOf(dayStartMs(basis.fromDay)), to: isoOf(dayStartMs(basis.toDay + 1)) } }),
    observed: {
      lastUsageAt: isoOf(lastUsageMs),
      silentDays: wholeDaysBetween(lastUsageMs, nowMs),
      longestPauseDays: input.longestPauseDays,
      baselineWeeks: basis?.weeks ?? 0,
      baselineCount: basis === null ? 0 : roundTo(basis.total, 2),
      expectedCount: expected === null ? null : roundTo(expected, 2),
      dispersion: basis === null ? null : roundTo(basis.dispersion, 4),
      test: !tested ? 'not_made' : basis?.dispersion ? 'negative_binomial_zero' : 'poisson_zero',
    },
    thresholds: { ...silence },
    ...(tested
      ? {
          statistic: {
            name: 'no_usage_probability',
            value: noUsageProbability(silenceWeight(input.basis, input.usage, lastUsageMs, nowMs), input.basis.total),
          },
        }
      : {}),
  };
}

/** The next moment after `nowMs` at which the silence assessment can change (a threshold, dormancy), or null. */
export function nextSilenceCheckMs(schedule: SilenceSchedule, nowMs: number, dormantAtMs: number): number | null {
  const { warningAtMs, criticalAtMs } = schedule;
  const future = [warningAtMs, criticalAtMs, dormantAtMs].filter((atMs): atMs is number => atMs !== null && atMs > nowMs);
  return future.length === 0 ? null : Math.min(...future);
}
