import { type AlertHistoryEntry, type AlertSeverity, alertSeverities } from '@churnwatch/contracts';
import { MS_PER_DAY } from '../time/days.ts';

/**
 * The life cycle of one alert kind of one customer. Plain JSON.
 * At most one alert per customer and kind is open; new evidence updates or escalates it.
 */
export interface AlertTrack {
  /** The open alert; null while none is open. */
  readonly open: {
    readonly alertId: string;
    readonly openedAtMs: number;
    /** Severity and fingerprint as last sent. */
    readonly severity: AlertSeverity;
    readonly fingerprint: string;
    /**
     * Customer time of the last step sent (opened, escalated or updated) when something of that
     * very time prompted it; absent after a step a late signal prompted, and in older state.
     */
    readonly steppedAtMs?: number;
  } | null;
  /** Life-cycle steps sent for this kind so far; never reset, so step ids never repeat. */
  readonly steps: number;
  readonly lastResolvedAtMs: number | null;
  readonly snoozedUntilMs: number | null;
  /** Actions people took on the open alert, oldest first (see alert-actions.ts); absent in older state. */
  readonly history?: readonly AlertHistoryEntry[];
  /** A person resolved the open alert; the next reconciliation closes it. */
  readonly closeRequested?: boolean;
}

export const NEW_TRACK: AlertTrack = { open: null, steps: 0, lastResolvedAtMs: null, snoozedUntilMs: null };

/** What a detector currently says about the kind; null when nothing is wrong. */
export interface CurrentFinding {
  readonly severity: AlertSeverity;
  readonly fingerprint: string;
  /** When the problem was first detected: the alert's opening time and id seed. */
  readonly sinceMs: number;
}

export type LifecycleStatus = 'opened' | 'escalated' | 'updated' | 'resolved';

export interface LifecycleDecision {
  readonly track: AlertTrack;
  /** The step to send, if any. */
  readonly status: LifecycleStatus | null;
  /** When to look again although nothing arrives (a snooze or cooldown ending while the finding holds). */
  readonly wakeAtMs: number | null;
}

const rank = (severity: AlertSeverity) => alertSeverities.indexOf(severity);

/**
 * One reconciliation of a kind's track with its current finding at `nowMs`:
 * - finding, nothing open: open it, unless snoozed or within `cooldownDays` of the last all-clear
 *   (then wake up when that ends and look again);
 * - finding, alert open: escalate when the severity rose, update when the evidence's fingerprint
 *   changed (or the severity fell); nothing while snoozed. What would be an update, prompted by
 *   something of the very instant of the step before it, is taken into the track and not sent;
 * - no finding, alert open: resolve it (the all-clear is sent even while snoozed);
 * - alert open and closed by hand: resolve it now, and let the cooldown run from here.
 * `alertIdOf(sinceMs)` gives the deterministic id of an alert opened for a finding; `promptedAtMs`
 * is the time of what prompted the look (a signal's own event time, a timer's), before `nowMs` for
 * a late signal. Pure.
 */
export function reconcileAlert(
  track: AlertTrack,
  finding: CurrentFinding | null,
  nowMs: number,
  cooldownDays: number,
  alertIdOf: (sinceMs: number) => string,
  promptedAtMs: number = nowMs,
): LifecycleDecision {
  const snoozedUntil = track.snoozedUntilMs !== null && nowMs < track.snoozedUntilMs ? track.snoozedUntilMs : null;
  const step = (status: LifecycleStatus, next: Omit<AlertTrack, 'steps'>): LifecycleDecision => ({
    track: { ...next, steps: track.steps + 1 },
    status,
    wakeAtMs: null,
  });

  if (track.open !== null && track.closeRequested === true) {
    // Closed by hand, whatever the finding says: the cooldown then keeps it closed for a while.
    return step('resolved', { ...track, open: null, lastResolvedAtMs: nowMs, closeRequested: false });
  }
  if (finding === null) {
    if (track.open === null) return { track, status: null, wakeAtMs: null };
    return step('resolved', { ...track, open: null, lastResolvedAtMs: nowMs });
  }
  if (snoozedUntil !== null) return { track, status: null, wakeAtMs: snoozedUntil };

  const atInstant = promptedAtMs === nowMs ? { steppedAtMs: nowMs } : {};
  if (track.open === null) {
    const cooldownEndsMs = track.lastResolvedAtMs === null ? null : track.lastResolvedAtMs + cooldownDays * MS_PER_DAY;
    if (cooldownEndsMs !== null && nowMs < cooldownEndsMs) return { track, status: null, wakeAtMs: cooldownEndsMs };
    const open = {
      alertId: alertIdOf(finding.sinceMs),
      openedAtMs: finding.sinceMs,
      severity: finding.severity,
      fingerprint: finding.fingerprint,
      ...atInstant,
    };
    return step('opened', { ...track, open, history: [], closeRequested: false });
  }

  const { steppedAtMs: lastStepInstant, ...lastSent } = track.open;
  const changed = { ...lastSent, severity: finding.severity, fingerprint: finding.fingerprint, ...atInstant };
  if (rank(finding.severity) > rank(track.open.severity)) return step('escalated', { ...track, open: changed });
  if (finding.severity === track.open.severity && finding.fingerprint === track.open.fingerprint) return { track, status: null, wakeAtMs: null };
  // Two monitors' signals of one instant (an order that also cancels the subscription reaches the
  // purchase and the contract monitor) come in either order. Sent as a step, the second would make
  // "opened, then updated at the same moment" in one order and "opened" in the other, and number
  // every later step differently; taken in, both orders leave the same track and the same steps.
  // A late signal (older than the customer's clock) still updates: it is news, not a tie; and so
  // does one of the instant of a step that a late signal prompted, as it would in time order.
  if (lastStepInstant === nowMs && promptedAtMs === nowMs) return { track: { ...track, open: changed }, status: null, wakeAtMs: null };
  return step('updated', { ...track, open: changed });
}
