import { describe, expect, it } from 'vitest';
import { at } from '../../test/fixtures.ts';
import { finding, scorerDriver, signal } from '../../test/signals.ts';

// A contract cancelled for its renewal on 2026-06-30; the contract monitor calls it ended after
// its grace days, on 2026-07-07.
const cancelled = { renewalDate: '2026-06-30', autoRenew: false, contractStatus: 'cancelled' as const };

describe('risk scorer: a customer whose contract ends', () => {
  it('opens no behaviour alert once the term has run out, and closes open ones when the contract ends, not as an all-clear', () => {
    const run = scorerDriver();
    run.driver.send(signal('acme', 'contract', at('2026-05-01'), { facts: cancelled }));
    run.driver.send(signal('acme', 'usage', at('2026-06-20'), { findings: [finding('usage_declining', at('2026-06-20'))] }));
    // After the renewal date, unrenewed: complaints left unanswered and invoices stopping are no news.
    run.driver.send(signal('acme', 'complaints', at('2026-07-02'), { findings: [finding('complaint_escalation', at('2026-07-02'))] }));
    run.driver.send(signal('acme', 'purchases', at('2026-07-03'), { findings: [finding('purchase_lapse', at('2026-07-03'))] }));
    const beforeEnd = run.alerts().map((alert) => `${alert.kind} ${alert.status}`);
    // The renewal alert takes in the decline and the escalation as reasons; the behaviour alerts after the renewal date do not open.
    expect(beforeEnd).toEqual(['renewal_at_risk opened', 'usage_declining opened', 'renewal_at_risk updated', 'renewal_at_risk updated']);

    run.driver.send(signal('acme', 'contract', at('2026-07-07'), { facts: { ...cancelled, contractStatus: 'ended' } }));
    const closed = run.alerts().slice(beforeEnd.length);
    expect(closed.map((alert) => [alert.kind, alert.status, alert.resolution, alert.summary])).toEqual([
      ['usage_declining', 'resolved', 'contract_ended', 'Closed, not resolved: the contract ended on 2026-06-30; the customer has left'],
      ['renewal_at_risk', 'resolved', 'contract_ended', 'Closed: contract ended on 2026-06-30'],
    ]);
    run.driver.send(signal('acme', 'usage', at('2026-07-20'), { findings: [finding('usage_stopped', at('2026-07-20'))] }));
    expect(run.alerts().length).toBe(beforeEnd.length + closed.length);
  });

  it('keeps the renewal at risk open past the renewal date until the contract is settled', () => {
    const run = scorerDriver();
    run.driver.send(signal('acme', 'contract', at('2026-05-01'), { facts: cancelled }));
    run.driver.send(signal('acme', 'usage', at('2026-07-03'), {}));
    expect(run.alerts().map((alert) => [alert.kind, alert.status, alert.severity])).toEqual([['renewal_at_risk', 'opened', 'critical']]);
  });

  it('opens no renewal at risk once the term has run out unrenewed: a manual renewal whose usage stops after its date', () => {
    const run = scorerDriver();
    const manual = { renewalDate: '2026-06-30', autoRenew: false, autoRenewSwitchedOff: false, contractStatus: 'active' as const };
    run.driver.send(signal('acme', 'contract', at('2026-05-01'), { facts: manual }));
    run.driver.send(signal('acme', 'usage', at('2026-07-04'), { findings: [finding('usage_stopped', at('2026-07-04'))] }));
    expect(run.alerts()).toEqual([]);
    // The same finding before the renewal date is a reason.
    const early = scorerDriver();
    early.driver.send(signal('acme', 'contract', at('2026-05-01'), { facts: manual }));
    early.driver.send(signal('acme', 'usage', at('2026-06-20'), { findings: [finding('usage_stopped', at('2026-06-20'))] }));
    expect(early.alerts().map((alert) => `${alert.kind} ${alert.status}`)).toEqual(['usage_stopped opened', 'renewal_at_risk opened']);
  });

  it('sends an all-clear, saying so, when the customer recovers', () => {
    const run = scorerDriver();
    run.driver.send(signal('acme', 'usage', at('2026-05-01'), { findings: [finding('usage_stopped', at('2026-05-01'))] }));
    run.driver.send(signal('acme', 'usage', at('2026-05-04'), { facts: { lastUsageAt: '2026-05-04T09:30:00.000Z' } }));
    expect(run.alerts().map((alert) => [alert.status, alert.resolution, alert.summary])).toEqual([
      ['opened', undefined, 'usage_stopped headline'],
      ['resolved', 'all_clear', 'All clear: usage resumed on 2026-05-04'],
    ]);
  });
});
