import { type AlertEvidence, type AlertSeverity, type ComplaintSeverity, complaintSeverities } from '@churnwatch/contracts';
import type { Thresholds } from '../config/sections.ts';
import { clamp, plural, roundTo } from '../numbers.ts';
import type { Finding } from '../signals/signal-contract.ts';
import type { SignalDraft } from '../signals/signal-emitter.ts';
import { isoOf, MS_PER_DAY, wholeDaysBetween } from '../time/days.ts';
import type { ComplaintBook, OpenComplaint, RecentComplaint } from './complaint-book.ts';
import { trackRecordOf } from './track-record.ts';

type ComplaintThresholds = Thresholds['complaints'];

/** Why complaints escalate: `unresolved` or `severity` opens an escalation, the others describe it. */
export const escalationReasons = ['unresolved', 'severity', 'count', 'repeated_category'] as const;
export type EscalationReason = (typeof escalationReasons)[number];

/** How much an open complaint of each severity takes off the complaints factor (1 = none open). */
export const OPEN_COMPLAINT_PENALTY: Readonly<Record<ComplaintSeverity, number>> = { low: 0.1, medium: 0.2, high: 0.35, critical: 0.6 };
/** What each complaint opened within the window takes off, resolved or not. */
export const RECENT_COMPLAINT_PENALTY = 0.05;

const rank = (severity: ComplaintSeverity) => complaintSeverities.indexOf(severity);

export interface ComplaintAssessment {
  readonly reasons: readonly EscalationReason[];
  readonly draft: Omit<SignalDraft, 'findings'>;
  /** The escalation as measured now, without `since` and `fingerprint` (the monitor keeps the escalation's peak); null when none. */
  readonly finding: Omit<Finding, 'since' | 'fingerprint'> | null;
  readonly complaintsInWindow: number;
  readonly nextCheckMs: number | null;
}

/**
 * The complaint concern at `nowMs`. Complaints handled badly destroy trust; handled well they
 * build it. So what escalates is complaints left standing, not complaints raised: at least
 * `countThreshold` complaints (at `countFromSeverity` or above, each with its channel's weight,
 * `channelWeights`, 1 unless named: a public complaint escalates sooner) opened within the window
 * and still open `unresolvedDays` or longer. A customer whose complaints CS resolves is being
 * looked after; in the backtest, alerting on every burst of complaints raised (or on one
 * high-severity ticket) flagged mostly customers whose complaints were then resolved and who
 * stayed. Only an open complaint opened within the window at `escalateAtSeverity` or above
 * (critical by default; `never` turns it off) escalates at once, and only on a poor track record
 * (fewer than `minResolvedShare` of at least `minTrackRecord` earlier complaints resolved within
 * `unresolvedDays`; `minTrackRecord` 0: always): severe tickets come from customers who stay as
 * well, and while CS resolves a customer's complaints, or before there is a record to judge, the
 * severe one must stand like the others. Once escalated, the counts in the window and a category
 * repeated `repeatCategoryCount` times are named as further reasons. Critical with such a
 * critical complaint or `criticalCount` weighted standing complaints. A complaint opened before
 * the window no longer escalates, resolved or not (see `live` below). Factor `complaints` = 1 −
 * Σ open penalties − 0.05 × the weighted complaints in the window, floored at 0.
 * Pure.
 */
export function assessComplaints(book: ComplaintBook, nowMs: number, complaints: ComplaintThresholds, ruleVersion: string): ComplaintAssessment {
  const windowStartMs = nowMs - complaints.windowDays * MS_PER_DAY;
  const inWindow = book.recent.filter((entry) => entry.openedAtMs > windowStartMs && entry.openedAtMs <= nowMs);
  // Minor complaints (below `countFromSeverity`) are routine support: they weigh on health but make no pattern.
  const counted = inWindow.filter((entry) => entry.severity === undefined || rank(entry.severity) >= rank(complaints.countFromSeverity));
  const weightOf = (entry: RecentComplaint | OpenComplaint) => (entry.channel === undefined ? 1 : (complaints.channelWeights[entry.channel] ?? 1));
  // The count that escalates: each counted complaint weighed by its channel.
  const weighted = roundTo(
    counted.reduce((total, entry) => total + weightOf(entry), 0),
    4,
  );
  const publicComplaints = inWindow.filter((entry) => weightOf(entry) > 1).length;
  const open = book.open;
  const highestOpen = highestSeverityOf(open);
  const oldestOpenDays = open.length === 0 ? null : wholeDaysBetween(Math.min(...open.map((entry) => entry.openedAtMs)), nowMs);
  // Only complaints opened within the window escalate: an escalation is about complaints that are
  // news. Customers who stay leave some complaints open for good (a fifth of them in the simulated
  // data), and these piled up into escalations of complaints half a year old; customers who leave
  // complain in bursts, often months apart, and one escalation held open from the first burst
  // came too early to count. Backtest with the record rule (minTrackRecord 4), seeds 42 and 7:
  // without the window 15 and 28 customers alerted, 13 and 18 churning within 120 days; with it,
  // 15 and 27, 13 and 22 (the last burst escalates again).
  const live = open.filter((entry) => entry.openedAtMs > windowStartMs);
  const highestLive = highestSeverityOf(live);
  const standingFromMs = nowMs - complaints.unresolvedDays * MS_PER_DAY;
  const standing = live.filter((entry) => entry.openedAtMs <= standingFromMs && rank(entry.severity) >= rank(complaints.countFromSeverity));
  const oldestStandingDays = standing.length === 0 ? null : wholeDaysBetween(Math.min(...standing.map((entry) => entry.openedAtMs)), nowMs);
  const weightedStanding = roundTo(
    standing.reduce((total, entry) => total + weightOf(entry), 0),
    4,
  );
  const [topCategory, topCategoryCount] = mostFrequentCategory(counted.map((entry) => entry.category));

  // Complaints left standing escalate, or one open at `escalateAtSeverity`; the rest only adds reasons.
  const record = trackRecordOf(book, nowMs, complaints);
  const neglected = complaints.minTrackRecord === 0 || record.poor;
  const unresolved = weightedStanding >= complaints.countThreshold && neglected;
  const atOnce = complaints.escalateAtSeverity;
  const severe = atOnce !== 'never' && highestLive !== null && rank(highestLive) >= rank(atOnce) && neglected;
  const holds: Record<EscalationReason, boolean> = {
    count: weighted >= complaints.countThreshold,
    severity: severe,
    unresolved,
    repeated_category: topCategory !== null && topCategoryCount >= complaints.repeatCategoryCount,
  };
  const reasons: EscalationReason[] = unresolved || severe ? escalationReasons.filter((reason) => holds[reason]) : [];

  const evidence: AlertEvidence = {
    detector: 'complaint-escalation',
    ruleVersion,
    window: { from: isoOf(windowStartMs), to: isoOf(nowMs) },
    observed: {
      openComplaints: open.length,
      complaintsInWindow: inWindow.length,
      countedInWindow: counted.length,
      weightedCount: weighted,
      weightedChannelComplaints: publicComplaints,
      highestOpenSeverity: highestOpen,
      oldestOpenDays,
      standingComplaints: standing.length,
      weightedStanding,
      topCategory,
      topCategoryCount,
      trackRecordJudged: record.judged,
      trackRecordResolved: record.resolved,
      trackRecordPoor: record.poor,
      reasons: reasons.join(','),
    },
    thresholds: flatThresholds(complaints),
  };
  const critical = highestLive === 'critical' || weightedStanding >= complaints.criticalCount;
  const severity: AlertSeverity = critical ? 'critical' : 'warning';
  const finding =
    reasons.length === 0
      ? null
      : {
          kind: 'complaint_escalation' as const,
          severity,
          headline: headlineOf(
            reasons,
            {
              counted: counted.length,
              publicComplaints,
              open: open.length,
              standing: standing.length,
              highestOpen: highestLive,
              oldestStandingDays,
              topCategory,
              topCategoryCount,
            },
            complaints,
          ),
          evidence: [evidence],
        };

  const penalty =
    open.reduce((total, entry) => total + OPEN_COMPLAINT_PENALTY[entry.severity], 0) +
    RECENT_COMPLAINT_PENALTY * inWindow.reduce((total, entry) => total + weightOf(entry), 0);
  // The next moment the answer can change, without a list of candidates for every event.
  let nextCheckMs = Number.POSITIVE_INFINITY;
  const candidate = (atMs: number) => {
    if (atMs > nowMs && atMs < nextCheckMs) nextCheckMs = atMs;
  };
  for (const entry of open) candidate(entry.openedAtMs + complaints.unresolvedDays * MS_PER_DAY);
  for (const entry of inWindow) candidate(entry.openedAtMs + complaints.windowDays * MS_PER_DAY);
  // When a complaint becomes old enough to judge, the track record can change.
  for (const entry of book.recent) candidate(entry.openedAtMs + complaints.unresolvedDays * MS_PER_DAY);

  const status = `${plural(open.length, 'open complaint')}, ${inWindow.length} in ${complaints.windowDays} days`;
  return {
    reasons,
    finding,
    complaintsInWindow: inWindow.length,
    draft: {
      factor: { value: roundTo(clamp(1 - penalty, 0, 1), 4), detail: status },
      detail: status,
      evidence: [evidence],
      facts: { openComplaints: open.length },
    },
    nextCheckMs: nextCheckMs === Number.POSITIVE_INFINITY ? null : nextCheckMs,
  };
}

/** Flattened once per threshold set: a set is the same object for every customer it applies to (resolveThresholds). */
const flattened = new WeakMap<ComplaintThresholds, AlertEvidence['thresholds']>();

/** Evidence thresholds are flat: the channel weights become `channelWeights.<channel>`. Shared, never changed. */
function flatThresholds(complaints: ComplaintThresholds): AlertEvidence['thresholds'] {
  const known = flattened.get(complaints);
  if (known !== undefined) return known;
  const { channelWeights, ...rest } = complaints;
  const flat = { ...rest, ...Object.fromEntries(Object.entries(channelWeights).map(([channel, weight]) => [`channelWeights.${channel}`, weight])) };
  flattened.set(complaints, flat);
  return flat;
}

function highestSeverityOf(complaints: readonly OpenComplaint[]): ComplaintSeverity | null {
  return complaints.reduce<ComplaintSeverity | null>(
    (highest, entry) => (highest === null || rank(entry.severity) > rank(highest) ? entry.severity : highest),
    null,
  );
}

function mostFrequentCategory(categories: readonly (string | null)[]): [string | null, number] {
  const counts = new Map<string, number>();
  for (const category of categories) if (category !== null) counts.set(category, (counts.get(category) ?? 0) + 1);
  let best: [string | null, number] = [null, 0];
  for (const [category, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) if (count > best[1]) best = [category, count];
  return best;
}

interface HeadlineFacts {
  /** Complaints in the window at `countFromSeverity` or above. */
  readonly counted: number;
  /** Complaints in the window through a channel that weighs more than 1 (public ones). */
  readonly publicComplaints: number;
  readonly open: number;
  /** Open complaints opened within the window, at `countFromSeverity` or above, open `unresolvedDays` or longer. */
  readonly standing: number;
  /** The highest severity of the complaints opened within the window and still open. */
  readonly highestOpen: ComplaintSeverity | null;
  readonly oldestStandingDays: number | null;
  readonly topCategory: string | null;
  readonly topCategoryCount: number;
}

function headlineOf(reasons: readonly EscalationReason[], facts: HeadlineFacts, complaints: ComplaintThresholds): string {
  const parts = reasons.map((reason) => {
    switch (reason) {
      case 'count':
        return `${plural(facts.counted, 'complaint')}${complaints.countFromSeverity === 'low' ? '' : ` of ${complaints.countFromSeverity} severity or above`} in ${complaints.windowDays} days${facts.publicComplaints > 0 ? ` (${facts.publicComplaints} public, weighing more)` : ''}`;
      case 'severity':
        return `a ${facts.highestOpen}-severity complaint is open`;
      case 'unresolved':
        return `${plural(facts.standing, 'complaint')} unresolved for ${complaints.unresolvedDays} days or more (the oldest ${facts.oldestStandingDays} days)`;
      case 'repeated_category':
        return `${facts.topCategoryCount} complaints about ${facts.topCategory}`;
    }
    return reason;
  });
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)} (${plural(facts.open, 'open complaint')})`;
}
