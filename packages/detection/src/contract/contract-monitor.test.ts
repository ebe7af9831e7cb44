import { describe, expect, it } from 'vitest';
import { createDriver } from '../../test/drive.ts';
import { at, purchase } from '../../test/fixtures.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import { addMonths } from '../time/months.ts';
import { createContractMonitor } from './contract-monitor.ts';

function contractDriver(config: unknown = {}) {
  const driver = createDriver([createContractMonitor(parseDetectionConfig(config))]);
  const signals = () => driver.outputsTo('signals').map((output) => output.value as SignalV1);
  return { driver, signals };
}

describe('contract monitor', () => {
  it('fires the 90, 60 and 30 day notices at 00:00 UTC of those days, with no event, and settles after the renewal', () => {
    const { driver, signals } = contractDriver();
    driver.send(purchase('acme', at('2026-01-15', 9), '12000.00', { renewalDate: '2026-12-31' }));
    expect(driver.timersOf('contract-monitor', 'acme')).toEqual([{ name: 'contract-check', atMs: at('2026-10-02'), clock: 'wall' }]);
    driver.advanceTo(at('2027-01-10'));

    const notices = signals().filter((signal) => signal.findings.length > 0);
    expect(notices.map((signal) => [signal.eventTime, signal.findings[0]?.fingerprint])).toEqual([
      ['2026-10-02T00:00:00.000Z', 'horizon-90:active:auto'],
      ['2026-11-01T00:00:00.000Z', 'horizon-60:active:auto'],
      ['2026-12-01T00:00:00.000Z', 'horizon-30:active:auto'],
    ]);
    const thirty = notices[2]?.findings[0];
    expect(thirty).toMatchObject({
      kind: 'renewal_upcoming',
      severity: 'info',
      since: '2026-10-02T00:00:00.000Z',
      headline: 'Renewal on 2026-12-31, in 30 days; auto-renew on (1,000.00 EUR a month)',
    });
    expect(thirty?.evidence[0]?.observed).toMatchObject({ renewalDate: '2026-12-31', daysToRenewal: 30, horizonDays: 30, autoRenew: true });

    // Seven days of grace after the renewal date with auto-renew on: renewed for another term.
    const settled = signals().at(-1);
    expect(settled?.eventTime).toBe('2027-01-07T00:00:00.000Z');
    expect(settled?.findings).toEqual([]);
    expect(settled?.facts).toEqual({
      renewalDate: '2027-12-31',
      autoRenew: true,
      contractStatus: 'active',
      recurringRevenue: { amount: '1000.00', currency: 'EUR', interval: 'month' },
    });
  });

  it('a renewal order moves the renewal date and ends the notice', () => {
    const { driver, signals } = contractDriver();
    driver.send(purchase('acme', at('2026-01-15', 9), '12000.00', { renewalDate: '2026-12-31' }));
    driver.advanceTo(at('2026-12-05'));
    driver.send(purchase('acme', at('2026-12-05', 11), '12000.00', { renewalDate: '2027-12-31' }));
    const last = signals().at(-1);
    expect(last?.findings).toEqual([]);
    expect(last?.detail).toBe('next renewal on 2027-12-31, in 391 days, auto-renew on');
    expect(driver.timersOf('contract-monitor', 'acme')[0]?.atMs).toBe(at('2027-10-02'));
  });

  it('scores the renewal factor: auto-renew off by the days left, cancelled 0, and ends the contract after the date', () => {
    const { driver, signals } = contractDriver();
    driver.send(
      purchase('acme', at('2026-11-16', 9), '500.00', {
        renewalDate: '2026-12-31',
        autoRenew: false,
        recurringRevenue: { amount: '6000.00', currency: 'EUR', interval: 'year' },
      }),
    );
    const manual = signals().at(-1);
    expect(manual?.factor).toEqual({ value: 45 / 90, detail: 'auto-renew off, renewal in 45 days' });
    expect(manual?.findings[0]?.fingerprint).toBe('horizon-60:active:manual');
    expect(manual?.findings[0]?.since).toBe('2026-11-16T09:00:00.000Z');
    expect(manual?.facts.recurringRevenue).toEqual({ amount: '500.00', currency: 'EUR', interval: 'month' });

    driver.send(purchase('acme', at('2026-11-20', 9), '0.00', { renewalDate: '2026-12-31', autoRenew: false, status: 'cancelled' }));
    const cancelled = signals().at(-1);
    expect(cancelled?.factor).toEqual({ value: 0, detail: 'contract cancelled, ends 2026-12-31' });
    expect(cancelled?.facts.contractStatus).toBe('cancelled');
    expect(cancelled?.findings[0]?.headline).toBe('Contract cancelled: ends on 2026-12-31, in 41 days (1,000.00 EUR a month)');

    driver.advanceTo(at('2027-01-31'));
    const ended = signals().at(-1);
    expect(ended?.eventTime).toBe('2027-01-07T00:00:00.000Z');
    expect(ended?.facts).toEqual({ renewalDate: '2026-12-31', autoRenew: false, contractStatus: 'ended' });
    expect(ended?.factor).toEqual({ value: 0, detail: 'contract ended on 2026-12-31' });
    expect(driver.timersOf('contract-monitor', 'acme')).toEqual([]);
  });

  it('tells auto-renew switched off from a manual renewal: off after on, until a renewal by order', () => {
    const { driver, signals } = contractDriver();
    driver.send(purchase('manual', at('2026-10-05', 9), '500.00', { renewalDate: '2026-12-31', autoRenew: false }));
    driver.send(purchase('manual', at('2026-11-05', 9), '500.00', { renewalDate: '2026-12-31', autoRenew: false }));
    driver.send(purchase('acme', at('2026-10-05', 9), '500.00', { renewalDate: '2026-12-31' }));
    driver.send(purchase('acme', at('2026-11-05', 9), '500.00', { renewalDate: '2026-12-31', autoRenew: false }));
    driver.send(purchase('acme', at('2026-12-05', 9), '500.00', { renewalDate: '2026-12-31', autoRenew: false }));
    const factsOf = (customerId: string) =>
      signals()
        .filter((signal) => signal.customerId === customerId)
        .at(-1)?.facts;
    expect(factsOf('manual')).toMatchObject({ autoRenew: false, autoRenewSwitchedOff: false });
    expect(factsOf('acme')).toMatchObject({ autoRenew: false, autoRenewSwitchedOff: true });
    // Renewed by order for another term, auto-renew still off: from now on a manual renewal.
    driver.send(purchase('acme', at('2026-12-31', 3), '500.00', { renewalDate: '2027-12-31', autoRenew: false }));
    expect(factsOf('acme')).toMatchObject({ renewalDate: '2027-12-31', autoRenew: false, autoRenewSwitchedOff: false });
    driver.send(purchase('acme', at('2027-01-31', 3), '500.00', { renewalDate: '2027-12-31' }));
    expect(factsOf('acme')).not.toHaveProperty('autoRenewSwitchedOff');
  });

  it('ignores stale facts and purchases without a subscription', () => {
    const { driver, signals } = contractDriver();
    driver.send(purchase('acme', at('2026-03-01', 9), '100.00', { renewalDate: '2027-03-01' }));
    driver.send(purchase('acme', at('2026-02-01', 9), '100.00', { renewalDate: '2026-06-01' }));
    driver.send(purchase('acme', at('2026-03-02', 9), '35.00'));
    expect(signals()).toHaveLength(1);
    expect(signals()[0]?.facts.renewalDate).toBe('2027-03-01');
  });
});

describe('addMonths', () => {
  it('adds calendar months and clamps to the end of a shorter month', () => {
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });
});
