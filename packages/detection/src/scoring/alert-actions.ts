import type { AlertHistoryEntry } from '@churnwatch/contracts';
import type { AlertTrack } from './alert-lifecycle.ts';
import type { ControlEventV1 } from './control-contract.ts';

/** Enough for any real alert; a runaway tool cannot grow the state without bound. */
export const MAX_HISTORY_ENTRIES = 50;

function entryOf(control: ControlEventV1): AlertHistoryEntry {
  return {
    action: control.action,
    by: control.requestedBy ?? 'unknown',
    at: control.eventTime,
    ...(control.source === undefined ? {} : { source: control.source }),
    ...(control.until === undefined ? {} : { until: control.until }),
    ...(control.assignee === undefined ? {} : { assignee: control.assignee.email ?? control.assignee.name }),
  };
}

/**
 * Applies one control event to a kind's track. Pure.
 * - `snooze`/`unsnooze` act on the kind (also when no alert is open, so a kind can be snoozed ahead).
 * - `acknowledge`, `assign` and `resolve` act on the open alert; aimed at another alert (a stale
 *   button of an alert already closed) they change nothing.
 * Every action that reaches the open alert is added to its history with who, when and where.
 */
export function applyAlertAction(track: AlertTrack, control: ControlEventV1): AlertTrack {
  const reachesOpen = track.open !== null && (control.alertId === undefined || control.alertId === track.open.alertId);
  let next: AlertTrack = track;
  if (control.action === 'snooze' || control.action === 'unsnooze') {
    if (control.alertId !== undefined && !reachesOpen) return track;
    next = { ...track, snoozedUntilMs: control.action === 'snooze' && control.until !== undefined ? Date.parse(control.until) : null };
  } else if (!reachesOpen) {
    return track;
  } else if (control.action === 'resolve') {
    next = { ...track, closeRequested: true };
  }
  if (!reachesOpen) return next;
  const history = [...(track.history ?? []), entryOf(control)].slice(-MAX_HISTORY_ENTRIES);
  return { ...next, history };
}

/** The summary of a step closed by hand: who closed it, since the evidence may still stand. */
export function closedByHandSummary(track: AlertTrack): string {
  const closing = [...(track.history ?? [])].reverse().find((entry) => entry.action === 'resolve');
  return `Resolved by hand by ${closing?.by ?? 'someone'}; looked at again after the cooldown if the problem is still there.`;
}
