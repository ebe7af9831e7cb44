import { type ComplaintSeverity, complaintSeverities } from '@churnwatch/contracts';
import type { Thresholds } from '../config/sections.ts';
import { MS_PER_DAY } from '../time/days.ts';
import type { ComplaintBook, ResolvedComplaint } from './complaint-book.ts';

/** How the customer's earlier complaints were handled: `resolved` of `judged` within `unresolvedDays`. */
export interface TrackRecord {
  readonly judged: number;
  readonly resolved: number;
  /** Enough judged complaints and too few of them resolved in time: this customer's complaints are left standing. */
  readonly poor: boolean;
}

const rank = (severity: ComplaintSeverity) => complaintSeverities.indexOf(severity);

/**
 * The track record at `nowMs`: complaints at `countFromSeverity` or above opened within
 * `trackRecordDays` and at least `unresolvedDays` ago (old enough to judge), each resolved in
 * time or not. Complaints kept from before their severity was (state of the old shape) count. Pure.
 */
export function trackRecordOf(book: ComplaintBook, nowMs: number, complaints: Thresholds['complaints']): TrackRecord {
  const fromMs = nowMs - complaints.trackRecordDays * MS_PER_DAY;
  const judgedBeforeMs = nowMs - complaints.unresolvedDays * MS_PER_DAY;
  const judged = book.recent.filter(
    (entry) =>
      entry.openedAtMs > fromMs &&
      entry.openedAtMs <= judgedBeforeMs &&
      (entry.severity === undefined || rank(entry.severity) >= rank(complaints.countFromSeverity)),
  );
  const resolvedAtMs = resolvedAtOf(book.resolved);
  const resolved = judged.filter((entry) => {
    const atMs = resolvedAtMs(entry.complaintId);
    return atMs !== undefined && atMs <= entry.openedAtMs + complaints.unresolvedDays * MS_PER_DAY;
  }).length;
  const poor = judged.length >= complaints.minTrackRecord && resolved < complaints.minResolvedShare * judged.length;
  return { judged: judged.length, resolved, poor };
}

/** When each complaint was resolved: a walk of a short list, a map of a long one (a judged complaint each looks up). */
function resolvedAtOf(resolved: readonly ResolvedComplaint[]): (complaintId: string) => number | undefined {
  if (resolved.length <= 16) return (complaintId) => resolved.find((entry) => entry.complaintId === complaintId)?.atMs;
  const byId = new Map(resolved.map((entry) => [entry.complaintId, entry.atMs]));
  return (complaintId) => byId.get(complaintId);
}
