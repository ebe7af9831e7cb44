import type { UsageEventV1 } from '@churnwatch/contracts';
import type { TimerRequest } from '@churnwatch/stream-runtime';
import type { DetectionConfig } from '../config/detection-config.ts';
import type { Thresholds } from '../config/sections.ts';
import { checkTimer, createMonitor, type MonitorAssessment, type MonitorDefinition, type MonitorState } from '../monitor/create-monitor.ts';
import { clamp, percent } from '../numbers.ts';
import type { Finding } from '../signals/signal-contract.ts';
import { EMPTY_SIGNAL_MEMO, type SignalDraft } from '../signals/signal-emitter.ts';
import { dayIndexOf, dayStartMs, isoOf, MS_PER_DAY, wholeDaysBetween } from '../time/days.ts';
import { addToDay, type DayCounts, EMPTY_DAY_COUNTS, lastActiveDay } from './day-counts.ts';
import { type DeclinePeak, declineEvidence, declineFinding, isDeclining, nextDeclinePeak } from './decline-finding.ts';
import type { DeclineOutcome } from './decline-test.ts';
import { longestPauseDays } from './pauses.ts';
import { carryRemembered, measureDeclineRemembered } from './remembered-decline.ts';
import { nextSilenceCheckMs, type SilenceInput, silenceEvidence, silenceFinding, silenceSchedule } from './silence.ts';
import { silenceBasisOf, silenceBasisOfDecline } from './silence-basis.ts';
import type { WeekdayBaseline } from './weekday-baseline.ts';

/** An open decline: when it was first detected and the baseline frozen at that moment. */
interface OpenDecline {
  readonly sinceMs: number;
  readonly baseline: WeekdayBaseline;
  /** Length of the window it was found in (a small account's is longer); absent in state from before windows could grow. */
  readonly windowDays?: number;
  readonly peak: DeclinePeak;
  /** The finding as last reported; kept unchanged while usage has stopped. */
  readonly finding: Finding;
}

/** Per-customer state of the usage monitor. Plain JSON. */
export interface UsageMonitorState extends MonitorState {
  readonly days: DayCounts;
  /** First UTC day with counted usage; null before any. */
  readonly firstSeenDay: number | null;
  /** Event time of the latest usage event of any metric; null before any. */
  readonly lastUsageMs: number | null;
  readonly decline: OpenDecline | null;
  /** When the decline test began to hold for a decline not yet confirmed (see `confirmDays`); absent in older state. */
  readonly candidateSinceMs?: number | null;
  /** Events older than the ring can hold, dropped. */
  readonly tooLateEvents: number;
}

export type UsageMonitorInput = UsageEventV1;

export const USAGE_DAILY_TIMER = 'usage-daily';
export const USAGE_SILENCE_TIMER = 'usage-silence';

const INITIAL_STATE: UsageMonitorState = {
  segmentation: null,
  days: EMPTY_DAY_COUNTS,
  firstSeenDay: null,
  lastUsageMs: null,
  decline: null,
  candidateSinceMs: null,
  tooLateEvents: 0,
  signal: EMPTY_SIGNAL_MEMO,
};

/**
 * The usage monitor, keyed by customer id. Inputs `usage` and `customerProfiles`; output
 * `signals` (concern `usage`: usage_declining and usage_stopped findings and the usage_trend
 * factor). Daily usage totals are kept on event time, so a late event lands in its own day. The
 * decline test runs once a day on a stream-time timer (an event of a day already tested finds
 * its answer remembered); the silence check runs on a wall-clock timer, which every event moves to
 * the earliest moment a silence could open (see `silenceNow`). Pure.
 */
export function createUsageMonitor(config: DetectionConfig) {
  return createMonitor(config, usageMonitorDefinition(config));
}

/** What `createMonitor` makes the usage monitor from. */
export function usageMonitorDefinition(config: DetectionConfig): MonitorDefinition<UsageMonitorState, UsageMonitorInput> {
  return {
    name: 'usage-monitor',
    concern: 'usage',
    input: 'usage',
    initialState: INITIAL_STATE,
    hasSubject: (state) => state.lastUsageMs !== null,
    record: (state, event, eventTimeMs) => withUsage(config, state, event, eventTimeMs),
    assess: (state, thresholds, nowMs) => assessUsage(config, state, thresholds, nowMs),
    quietEvent: (previous, recorded, thresholds, nowMs) => quietUsageEvent(config, previous, recorded, thresholds, nowMs),
  };
}

/**
 * The timers of an event that changes nothing the assessment reads, so that assessing it would
 * repeat the assessment already made today; null for any other. Most of a busy customer's events
 * are such: another use on a day whose total the decline test does not read until tomorrow.
 *
 * The last assessment was today: the customer is not silent long enough to be dormant, so its
 * daily timer has run at today's start (or an event today was assessed). It was its own fixed
 * point: no decline open or pending, and the silence test had nothing to say (before its floor;
 * assessing again changes neither). And the event leaves the days the test reads as they were: it
 * counts no usage, or it adds to today's total, which already had usage (the last active day
 * stays). Then the assessment would say what the last one said, and the emitter would send
 * nothing; only the silence timer moves to the new floor.
 */
function quietUsageEvent(
  config: DetectionConfig,
  previous: UsageMonitorState,
  recorded: UsageMonitorState,
  thresholds: Thresholds,
  nowMs: number,
): readonly TimerRequest[] | null {
  if (previous.lastUsageMs === null || recorded.lastUsageMs === null || nowMs >= silenceFloorMs(config, previous.lastUsageMs, thresholds)) return null;
  if (previous.decline !== null || (previous.candidateSinceMs ?? null) !== null) return null;
  if (recorded.days !== previous.days) {
    const before = previous.days.head;
    const after = recorded.days.head;
    const today = dayIndexOf(nowMs);
    if (recorded.days.counts !== previous.days.counts || before === undefined || after === undefined) return null;
    if (before.day !== today || after.day !== today || before.count <= 0) return null;
  }
  return [{ name: USAGE_SILENCE_TIMER, atMs: silenceFloorMs(config, recorded.lastUsageMs, thresholds), clock: 'wall' }];
}

function withUsage(config: DetectionConfig, state: UsageMonitorState, event: UsageEventV1, eventTimeMs: number): UsageMonitorState {
  const lastUsageMs = state.lastUsageMs === null ? eventTimeMs : Math.max(state.lastUsageMs, eventTimeMs);
  // Any usage is activity (silence); only the configured metric is counted for the decline test.
  if (config.usageMetric !== null && event.metric !== config.usageMetric) return { ...state, lastUsageMs };
  const day = dayIndexOf(eventTimeMs);
  const amount = config.usageMetric === null ? 1 : event.quantity;
  const { ring, accepted } = addToDay(state.days, day, amount, config.usageHistoryDays);
  if (!accepted) return { ...state, lastUsageMs, tooLateEvents: state.tooLateEvents + 1 };
  carryRemembered(state.days, ring);
  const firstSeenDay = state.firstSeenDay === null ? day : Math.min(state.firstSeenDay, day);
  return { ...state, lastUsageMs, days: ring, firstSeenDay };
}

/**
 * What the silence test says at `nowMs`. Before `silenceFloorMs` it cannot say anything: a
 * warning waits `warningAfterDays` after the last usage, critical `criticalAfterDays`, dormancy
 * `dormantAfterDays`. Until then (for an active customer, always) the test is not made: its
 * basis and schedule are worked out when its timer reaches the floor, and its evidence only for
 * a signal that is sent. Every moment the full test would schedule lies at or after the floor,
 * so an alert opens at the same moment either way; only the timer waits at the floor meanwhile.
 */
interface SilenceNow {
  readonly stopped: Finding | null;
  readonly dormant: boolean;
  /** The next moment the silence assessment can change, or null. */
  readonly nextCheckMs: number | null;
  /** The test's input, for the evidence. */
  input(): SilenceInput;
}

function silenceFloorMs(config: DetectionConfig, lastUsageMs: number, thresholds: Thresholds): number {
  const { warningAfterDays, criticalAfterDays } = thresholds.silence;
  return lastUsageMs + Math.min(warningAfterDays, criticalAfterDays, config.dormantAfterDays) * MS_PER_DAY;
}

function silenceNow(config: DetectionConfig, state: UsageMonitorState, thresholds: Thresholds, nowMs: number): SilenceNow {
  const lastUsageMs = state.lastUsageMs as number;
  const dormantAtMs = lastUsageMs + config.dormantAfterDays * MS_PER_DAY;
  const input = (): SilenceInput => ({
    lastUsageMs,
    basis:
      state.decline !== null
        ? silenceBasisOfDecline(state.decline.baseline)
        : state.firstSeenDay === null
          ? null
          : silenceBasisOf(state.days, state.firstSeenDay, dayIndexOf(lastUsageMs), thresholds.usage),
    longestPauseDays: longestPauseDays(state.days, dayIndexOf(lastUsageMs)),
    silence: thresholds.silence,
    usage: thresholds.usage,
    limitMs: dormantAtMs,
  });
  const floorMs = silenceFloorMs(config, lastUsageMs, thresholds);
  if (nowMs < floorMs) return { stopped: null, dormant: false, nextCheckMs: floorMs, input };
  const made = input();
  const schedule = silenceSchedule(made);
  return {
    stopped: silenceFinding(made, schedule, nowMs, config.usageMetric ?? 'usage events', config.ruleVersion),
    dormant: nowMs >= dormantAtMs,
    nextCheckMs: nextSilenceCheckMs(schedule, nowMs, dormantAtMs),
    input: () => made,
  };
}

function assessUsage(config: DetectionConfig, state: UsageMonitorState, thresholds: Thresholds, nowMs: number): MonitorAssessment<UsageMonitorState> {
  const lastUsageMs = state.lastUsageMs as number;
  const silence = silenceNow(config, state, thresholds, nowMs);
  const { stopped, dormant } = silence;
  const outcome: DeclineOutcome | null =
    state.firstSeenDay === null
      ? null
      : measureDeclineRemembered({
          days: state.days,
          firstSeenDay: state.firstSeenDay,
          evaluationDay: dayIndexOf(nowMs),
          lastActiveDay: lastActiveDay(state.days),
          usage: thresholds.usage,
          frozenBaseline: state.decline?.baseline,
          frozenWindowDays: state.decline?.windowDays,
        });
  const measurement = outcome?.status === 'measured' ? outcome.measurement : null;

  let decline = state.decline;
  let candidateSinceMs = state.candidateSinceMs ?? null;
  // While usage has stopped the silence finding speaks; an open decline is kept as it was and none opens.
  const declining = stopped === null && measurement !== null && isDeclining(measurement, thresholds.usage, decline !== null);
  // A new decline opens once the test has held on `confirmDays` days running, dated from the first.
  candidateSinceMs = declining && decline === null ? (candidateSinceMs ?? nowMs) : null;
  const confirmed = candidateSinceMs !== null && dayIndexOf(nowMs) - dayIndexOf(candidateSinceMs) + 1 >= thresholds.usage.confirmDays;
  if (measurement !== null && declining && (decline !== null || confirmed)) {
    const sinceMs = decline?.sinceMs ?? (candidateSinceMs as number);
    candidateSinceMs = null;
    const peak = nextDeclinePeak(measurement, thresholds.usage, decline?.peak);
    decline = {
      sinceMs,
      baseline: measurement.baseline,
      windowDays: measurement.windowToDay - measurement.windowFromDay + 1,
      peak,
      finding: declineFinding(measurement, thresholds.usage, sinceMs, peak, config.ruleVersion),
    };
  } else if (stopped === null && !declining) {
    decline = null;
  }

  const findings = [decline?.finding, stopped].filter((finding): finding is Finding => finding !== undefined && finding !== null);
  // Built only when a signal is sent: most events change nothing worth one.
  const evidence = () => [
    ...(measurement === null ? [] : [declineEvidence(measurement, thresholds.usage, config.ruleVersion)]),
    silenceEvidence(silence.input(), nowMs, config.ruleVersion),
  ];

  const setTimers: TimerRequest[] = [];
  const cancelTimers: string[] = [];
  if (dormant && decline === null) cancelTimers.push(USAGE_DAILY_TIMER);
  else setTimers.push({ name: USAGE_DAILY_TIMER, atMs: dayStartMs(dayIndexOf(nowMs) + 1), clock: 'stream' });
  const silenceTimer = checkTimer(USAGE_SILENCE_TIMER, silence.nextCheckMs);

  return {
    state: { ...state, decline, candidateSinceMs },
    draft: {
      factor: usageFactor(measurement, lastUsageMs, nowMs, stopped !== null),
      detail: usageDetail(outcome, thresholds.usage.minBaselineWeeks, lastUsageMs, nowMs, stopped !== null),
      evidence,
      findings,
      facts: { lastUsageAt: isoOf(lastUsageMs), dormant },
    },
    setTimers: [...setTimers, ...(silenceTimer.setTimers ?? [])],
    cancelTimers: [...cancelTimers, ...(silenceTimer.cancelTimers ?? [])],
  };
}

/** The usage_trend factor: observed / expected in the recent window, capped at 1; 0 once usage has stopped; none while the baseline is being learned. */
function usageFactor(measurement: { observed: number; expected: number } | null, lastUsageMs: number, nowMs: number, stopped: boolean): SignalDraft['factor'] {
  if (stopped) return { value: 0, detail: `no usage for ${wholeDaysBetween(lastUsageMs, nowMs)} days` };
  if (measurement === null || measurement.expected <= 0) return null;
  const ratio = clamp(measurement.observed / measurement.expected, 0, 1);
  return { value: ratio, detail: `usage at ${percent(measurement.observed / measurement.expected)} % of its usual level` };
}

function usageDetail(outcome: DeclineOutcome | null, minBaselineWeeks: number, lastUsageMs: number, nowMs: number, stopped: boolean): string {
  if (stopped) return `no usage for ${wholeDaysBetween(lastUsageMs, nowMs)} days`;
  if (outcome === null) return 'usage seen, none of the counted metric yet';
  if (outcome.status === 'insufficient_history') return `learning the usual usage (${outcome.baselineWeeks} of ${minBaselineWeeks} baseline weeks so far)`;
  const { measurement } = outcome;
  const windowDays = measurement.windowToDay - measurement.windowFromDay + 1;
  if (measurement.expected <= 0) return `no usage expected over the last ${windowDays} days`;
  return `usage at ${percent(measurement.observed / measurement.expected)} % of its ${measurement.baselineWeeks}-week baseline over the last ${windowDays} days`;
}
