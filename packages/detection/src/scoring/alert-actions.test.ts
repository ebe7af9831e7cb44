import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { createDriver, type FedRecord } from '../../test/drive.ts';
import { at, DAY_MS } from '../../test/fixtures.ts';
import { evidence, signal } from '../../test/signals.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { Finding } from '../signals/signal-contract.ts';
import { applyAlertAction, MAX_HISTORY_ENTRIES } from './alert-actions.ts';
import { type AlertTrack, NEW_TRACK } from './alert-lifecycle.ts';
import type { ControlEventV1 } from './control-contract.ts';
import { createRiskScorer } from './risk-scorer.ts';

const NOW = at('2026-12-10');

function decline(sinceMs: number, severity: Finding['severity'] = 'warning', fingerprint = 'warning:drop-step-6'): Finding {
  return { kind: 'usage_declining', severity, since: new Date(sinceMs).toISOString(), headline: 'Usage fell 62 % over 14 days', fingerprint, evidence };
}

function action(timeMs: number, fields: Partial<ControlEventV1> & Pick<ControlEventV1, 'action'>): ControlEventV1 {
  return {
    schemaVersion: 1,
    eventId: `ctl-${fields.action}-${timeMs}`,
    customerId: 'acme',
    eventTime: new Date(timeMs).toISOString(),
    kind: 'usage_declining',
    requestedBy: 'U024BE7LH',
    source: 'slack',
    ...fields,
  };
}

const fed = (value: ControlEventV1, timeMs: number): FedRecord => ({ input: 'control', key: 'acme', value, eventTimeMs: timeMs });

function scorer() {
  const driver = createDriver([createRiskScorer(parseDetectionConfig({}))]);
  return { driver, alerts: () => driver.outputsTo('alerts').map((output) => output.value as ChurnRiskAlertV1) };
}

describe('alert actions', () => {
  it('records acknowledge and assign with who, when and where, and carries them on the next step', () => {
    const run = scorer();
    run.driver.send(signal('acme', 'usage', NOW, { findings: [decline(NOW)] }));
    const alertId = run.alerts()[0]?.alertId;
    run.driver.send(fed(action(NOW + 1000, { action: 'acknowledge', alertId }), NOW + 1000));
    run.driver.send(fed(action(NOW + 2000, { action: 'assign', alertId, assignee: { name: 'Elin Berg', email: 'elin@example.com' } }), NOW + 2000));
    run.driver.send(signal('acme', 'usage', NOW + DAY_MS, { findings: [decline(NOW, 'critical', 'critical:drop-step-7')] }));
    const escalated = run.alerts()[1];
    expect(escalated?.status).toBe('escalated');
    expect(escalated?.history).toEqual([
      { action: 'acknowledge', by: 'U024BE7LH', at: new Date(NOW + 1000).toISOString(), source: 'slack' },
      { action: 'assign', by: 'U024BE7LH', at: new Date(NOW + 2000).toISOString(), source: 'slack', assignee: 'elin@example.com' },
    ]);
  });

  it('sends no update while snoozed, then resumes with the worse state when the snooze ends', () => {
    const run = scorer();
    run.driver.send(signal('acme', 'usage', NOW, { findings: [decline(NOW)] }));
    const alertId = run.alerts()[0]?.alertId;
    run.driver.send(fed(action(NOW + 1000, { action: 'snooze', alertId, until: '2026-12-17T00:00:00Z' }), NOW + 1000));
    run.driver.send(signal('acme', 'usage', NOW + DAY_MS, { findings: [decline(NOW, 'critical', 'critical:drop-step-7')] }));
    run.driver.send(signal('acme', 'usage', NOW + 2 * DAY_MS, { findings: [decline(NOW, 'critical', 'critical:drop-step-8')] }));
    expect(run.alerts().map((alert) => alert.status)).toEqual(['opened']);
    run.driver.advanceTo(at('2026-12-18'));
    const resumed = run.alerts().slice(1);
    expect(resumed.map((alert) => [alert.status, alert.severity, alert.eventTime])).toEqual([['escalated', 'critical', '2026-12-17T00:00:00.000Z']]);
    expect(resumed[0]?.history?.map((entry) => [entry.action, entry.until])).toEqual([['snooze', '2026-12-17T00:00:00Z']]);
  });

  it('closes the alert by hand although the problem stands, and opens a new one only after the cooldown', () => {
    const run = scorer();
    run.driver.send(signal('acme', 'usage', NOW, { findings: [decline(NOW)] }));
    const alertId = run.alerts()[0]?.alertId;
    run.driver.send(fed(action(NOW + 1000, { action: 'resolve', alertId, requestedBy: 'jane@example.com', source: 'api' }), NOW + 1000));
    const closed = run.alerts()[1];
    expect(closed).toMatchObject({ status: 'resolved', resolution: 'closed_by_hand', alertId });
    expect(closed?.summary).toContain('jane@example.com');
    run.driver.send(signal('acme', 'usage', NOW + DAY_MS, { findings: [decline(NOW + DAY_MS, 'warning', 'warning:drop-step-7')] }));
    expect(run.alerts()).toHaveLength(2);
    run.driver.advanceTo(NOW + 30 * DAY_MS);
    const reopened = run.alerts()[2];
    expect(reopened?.status).toBe('opened');
    expect(reopened?.alertId).not.toBe(alertId);
    expect(reopened?.history).toBeUndefined();
  });

  it('ignores acknowledge, assign, resolve and snooze aimed at an alert that is no longer open', () => {
    const track = { ...NEW_TRACK, open: { alertId: 'new', openedAtMs: 0, severity: 'warning' as const, fingerprint: 'f' } };
    for (const kind of ['acknowledge', 'resolve', 'snooze'] as const) {
      expect(applyAlertAction(track, action(NOW, { action: kind, alertId: 'old', until: '2026-12-20T00:00:00Z' }))).toBe(track);
    }
    // Without an alert id a snooze acts on the kind ahead of any alert.
    expect(applyAlertAction(NEW_TRACK, action(NOW, { action: 'snooze', until: '2026-12-20T00:00:00Z' })).snoozedUntilMs).toBe(at('2026-12-20'));
  });

  it('keeps at most the latest entries of a runaway history', () => {
    let track: AlertTrack = { ...NEW_TRACK, open: { alertId: 'a', openedAtMs: 0, severity: 'warning' as const, fingerprint: 'f' } };
    for (let i = 0; i < MAX_HISTORY_ENTRIES + 5; i++) track = applyAlertAction(track, action(NOW + i, { action: 'acknowledge' }));
    expect(track.history).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(track.history?.[0]?.at).toBe(new Date(NOW + 5).toISOString());
  });
});
