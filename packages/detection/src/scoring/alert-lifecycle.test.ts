import { describe, expect, it } from 'vitest';
import { type AlertTrack, type CurrentFinding, NEW_TRACK, reconcileAlert } from './alert-lifecycle.ts';

const DAY = 86_400_000;
const idOf = (sinceMs: number) => `alert-${sinceMs}`;
const warning: CurrentFinding = { severity: 'warning', fingerprint: 'w:3', sinceMs: 1000 };

/** Runs a sequence of (time, finding) through the life cycle and lists the steps sent. */
function steps(sequence: readonly [number, CurrentFinding | null][], start: AlertTrack = NEW_TRACK, cooldownDays = 7) {
  let track = start;
  const sent: string[] = [];
  for (const [nowMs, finding] of sequence) {
    const decision = reconcileAlert(track, finding, nowMs, cooldownDays, idOf);
    track = decision.track;
    if (decision.status !== null) sent.push(`${decision.status}:${track.open?.alertId ?? '-'}:${track.open?.severity ?? '-'}`);
    else if (decision.wakeAtMs !== null) sent.push(`wake@${decision.wakeAtMs}`);
  }
  return { sent, track };
}

describe('alert life cycle', () => {
  it('keeps one alert open per kind: repeated evidence sends nothing, new evidence updates, a higher severity escalates', () => {
    const { sent, track } = steps([
      [1000, warning],
      [2000, warning],
      [3000, { ...warning, fingerprint: 'w:4' }],
      [4000, { ...warning, severity: 'critical', fingerprint: 'c:6' }],
      [5000, { ...warning, severity: 'warning', fingerprint: 'w:5' }],
    ]);
    expect(sent).toEqual(['opened:alert-1000:warning', 'updated:alert-1000:warning', 'escalated:alert-1000:critical', 'updated:alert-1000:warning']);
    expect(track.steps).toBe(4);
  });

  it('resolves when the finding clears and keeps a cooldown before reopening', () => {
    const reappeared: CurrentFinding = { severity: 'warning', fingerprint: 'w:3', sinceMs: 3 * DAY };
    const { sent } = steps([
      [1000, warning],
      [2 * DAY, null],
      [3 * DAY, reappeared],
      [9 * DAY + 1, reappeared],
    ]);
    // Resolved at day 2: cooldown of 7 days ends at day 9; the reappearance waits until then and opens with its own id.
    expect(sent).toEqual(['opened:alert-1000:warning', 'resolved:-:-', `wake@${9 * DAY}`, `opened:alert-${3 * DAY}:warning`]);
  });

  it('does not open, update or escalate while snoozed, still sends the all-clear, and looks again when the snooze ends', () => {
    const snoozed: AlertTrack = { ...NEW_TRACK, snoozedUntilMs: 10 * DAY };
    expect(steps([[1000, warning]], snoozed).sent).toEqual([`wake@${10 * DAY}`]);
    expect(steps([[10 * DAY, warning]], snoozed).sent).toEqual(['opened:alert-1000:warning']);

    const openThenSnoozed = steps([[1000, warning]]).track;
    const { sent } = steps(
      [
        [DAY, { ...warning, severity: 'critical' }],
        [2 * DAY, null],
      ],
      { ...openThenSnoozed, snoozedUntilMs: 10 * DAY },
    );
    expect(sent).toEqual([`wake@${10 * DAY}`, 'resolved:-:-']);
  });

  it('counts steps across alerts so that step ids never repeat', () => {
    const { track } = steps([
      [1000, warning],
      [DAY, null],
      [20 * DAY, { ...warning, sinceMs: 20 * DAY }],
    ]);
    expect(track.steps).toBe(3);
    expect(track.open?.alertId).toBe(`alert-${20 * DAY}`);
  });
});

describe('alert life cycle at one instant', () => {
  const first: CurrentFinding = { severity: 'warning', fingerprint: 'reasons:a', sinceMs: 1000 };
  const both: CurrentFinding = { ...first, fingerprint: 'reasons:a,b' };

  it('takes in new evidence of the instant of the last step instead of sending an update', () => {
    const { sent, track } = steps([
      [1000, first],
      [1000, both],
    ]);
    expect(sent).toEqual(['opened:alert-1000:warning']);
    expect(track.open?.fingerprint).toBe('reasons:a,b');
    expect(track.steps).toBe(1);
  });

  it('leaves the same track and the same steps whichever of two findings of one instant comes first', () => {
    const evidenceFirst = steps([
      [1000, first],
      [1000, both],
      [2000, null],
    ]);
    const bothAtOnce = steps([
      [1000, both],
      [2000, null],
    ]);
    expect(evidenceFirst.sent).toEqual(bothAtOnce.sent);
    expect(evidenceFirst.track).toEqual(bothAtOnce.track);
  });

  it('still escalates at the same instant, and updates once time has moved on', () => {
    const { sent } = steps([
      [1000, first],
      [1000, { ...first, severity: 'critical', fingerprint: 'c' }],
      [1000, { ...first, severity: 'critical', fingerprint: 'c2' }],
      [1001, { ...first, severity: 'critical', fingerprint: 'c3' }],
    ]);
    expect(sent).toEqual(['opened:alert-1000:warning', 'escalated:alert-1000:critical', 'updated:alert-1000:critical']);
  });

  it('updates for a late signal, older than the instant of the last step', () => {
    const opened = steps([[1000, first]]).track;
    const late = reconcileAlert(opened, both, 1000, 7, idOf, 900);
    expect(late.status).toBe('updated');
  });

  it('updates at the instant of a step that a late signal prompted', () => {
    const opened = steps([[500, first]]).track;
    // A late signal of 900 finds the customer's clock at 1000: its update is sent at 1000.
    const late = reconcileAlert(opened, both, 1000, 7, idOf, 900);
    expect(late.status).toBe('updated');
    const sameInstant = reconcileAlert(late.track, { ...both, fingerprint: 'reasons:a,b,c' }, 1000, 7, idOf, 1000);
    expect(sameInstant.status).toBe('updated');
  });

  it('updates a track stored before the time of its last step was kept', () => {
    const { open, ...rest } = steps([[1000, first]]).track;
    const { steppedAtMs: _, ...older } = open!;
    expect(steps([[1000, both]], { ...rest, open: older }).sent).toEqual(['updated:alert-1000:warning']);
  });
});
