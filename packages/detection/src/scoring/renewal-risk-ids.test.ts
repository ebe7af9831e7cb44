import { describe, expect, it } from 'vitest';
import type { FedRecord } from '../../test/drive.ts';
import { at } from '../../test/fixtures.ts';
import { finding, scorerDriver, signal } from '../../test/signals.ts';
import { alertIdOf } from './alert-builder.ts';

// A yearly contract renewing on 2026-12-31 (risk window from 2026-10-02), known since January.
const contractFacts = { renewalDate: '2026-12-31', autoRenew: true, contractStatus: 'active' as const };
const known = signal('acme', 'contract', at('2026-01-05'), { facts: contractFacts });
// Usage has been declining since 2026-11-08 (the usage monitor says so on 2026-11-10); the
// customer switches auto-renew off on 2026-11-12.
const decline = signal('acme', 'usage', at('2026-11-10'), { findings: [finding('usage_declining', at('2026-11-08'))] });
const autoRenewOff = signal('acme', 'contract', at('2026-11-12'), { facts: { ...contractFacts, autoRenew: false, autoRenewSwitchedOff: true } });

function atRiskAlerts(records: readonly FedRecord[], untilMs?: number) {
  const run = scorerDriver();
  for (const record of records) run.driver.send(record);
  if (untilMs !== undefined) run.driver.advanceTo(untilMs);
  return run.alerts().filter((alert) => alert.kind === 'renewal_at_risk');
}

describe('renewal at risk: ids from event facts', () => {
  it('gives the same alert and step ids whichever monitor’s signal arrives first', () => {
    const inEventOrder = atRiskAlerts([known, decline, autoRenewOff]);
    // Live, the contract monitor may be ahead of the usage monitor: its later signal arrives first.
    const contractFirst = atRiskAlerts([known, autoRenewOff, decline]);
    expect(inEventOrder.map((alert) => alert.status)).toEqual(['opened', 'updated']);
    expect(contractFirst.map((alert) => alert.status)).toEqual(['opened', 'updated']);
    const expectedId = alertIdOf('acme', 'renewal_at_risk', '2026-12-31#1');
    expect(inEventOrder.map((alert) => alert.eventId)).toEqual([`${expectedId}-1`, `${expectedId}-2`]);
    expect(contractFirst.map((alert) => alert.eventId)).toEqual(inEventOrder.map((alert) => alert.eventId));
    // The opening time is the later of the window start and the first reason known when it opened.
    expect(inEventOrder[0]?.openedAt).toBe('2026-11-08T00:00:00.000Z');
    expect(contractFirst[0]?.openedAt).toBe('2026-11-12T00:00:00.000Z');
  });

  it('sends the same steps whichever of two monitors’ signals of one instant arrives first', () => {
    // An order that cancels auto-renew and a decline found at the same millisecond, from two monitors.
    const declineThen = { ...decline, eventTimeMs: at('2026-11-12') };
    const later = signal('acme', 'usage', at('2026-11-20'), {});
    const usageFirst = atRiskAlerts([known, declineThen, autoRenewOff, later]);
    const contractFirst = atRiskAlerts([known, autoRenewOff, declineThen, later]);
    expect(usageFirst.map((alert) => [alert.status, alert.eventId])).toEqual(contractFirst.map((alert) => [alert.status, alert.eventId]));
    expect(usageFirst.map((alert) => alert.status)).toEqual(['opened', 'updated']);
  });

  it('opens at the window start for reasons older than the window, whenever the scorer looks', () => {
    const early = signal('acme', 'usage', at('2026-09-20'), { findings: [finding('usage_declining', at('2026-09-18'))] });
    const woken = atRiskAlerts([known, early], at('2026-10-03'));
    // The same facts, first looked at by the scorer on a later signal rather than at its wake-up.
    const later = atRiskAlerts([known, { ...early, eventTimeMs: at('2026-11-20') }]);
    expect(woken[0]).toMatchObject({ openedAt: '2026-10-02T00:00:00.000Z', eventTime: '2026-10-02T00:00:00.000Z' });
    expect(later[0]).toMatchObject({ openedAt: '2026-10-02T00:00:00.000Z', alertId: woken[0]?.alertId });
  });

  it('gives a renewal’s next alert, after an all-clear and its cooldown, the next id', () => {
    const recovered = signal('acme', 'usage', at('2026-11-15'), {});
    const again = signal('acme', 'usage', at('2026-11-25'), { findings: [finding('usage_declining', at('2026-11-25'))] });
    const alerts = atRiskAlerts([known, decline, recovered, again]);
    expect(alerts.map((alert) => [alert.status, alert.alertId])).toEqual([
      ['opened', alertIdOf('acme', 'renewal_at_risk', '2026-12-31#1')],
      ['resolved', alertIdOf('acme', 'renewal_at_risk', '2026-12-31#1')],
      ['opened', alertIdOf('acme', 'renewal_at_risk', '2026-12-31#2')],
    ]);
  });
});
