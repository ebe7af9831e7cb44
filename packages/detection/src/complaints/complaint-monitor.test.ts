import type { ComplaintEventV1 } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import type { FedRecord } from '../../test/drive.ts';
import { createDriver } from '../../test/drive.ts';
import { at, complaint } from '../../test/fixtures.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import { createComplaintMonitor } from './complaint-monitor.ts';

function complaintDriver(config: unknown = {}) {
  const driver = createDriver([createComplaintMonitor(parseDetectionConfig(config))]);
  const signals = () => driver.outputsTo('signals').map((output) => output.value as SignalV1);
  const last = () => signals().at(-1);
  return { driver, signals, last };
}

describe('complaint monitor', () => {
  it('weighs a public complaint more, so that it escalates sooner', () => {
    const onSocialMedia = (record: FedRecord) => ({ ...record, value: { ...(record.value as ComplaintEventV1), channel: 'social_media' as const } });
    const twoComplaints = (config: unknown) => {
      const { driver, last } = complaintDriver(config);
      driver.send(onSocialMedia(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'billing')));
      driver.send(complaint('acme', at('2026-03-03', 9), 'c2', 'opened', 'medium', 'exports'));
      return last();
    };
    // Built in: a social-media complaint counts 2, so 2 + 1 reaches countThreshold 3.
    const weighted = twoComplaints({});
    expect(weighted?.findings[0]).toMatchObject({
      kind: 'complaint_escalation',
      severity: 'warning',
      headline: '2 complaints of medium severity or above in 30 days (1 public, weighing more) (2 open complaints)',
    });
    expect(weighted?.findings[0]?.evidence[0]?.observed).toMatchObject({ countedInWindow: 2, weightedCount: 3, weightedChannelComplaints: 1 });
    expect(weighted?.findings[0]?.evidence[0]?.thresholds).toMatchObject({ 'channelWeights.social_media': 2 });
    // 1 − 2 × 0.2 (open mediums) − 0.05 × (2 + 1) weighted in the window
    expect(weighted?.factor?.value).toBe(0.45);
    // With every channel weighing 1 the same two complaints are no pattern yet.
    expect(twoComplaints({ defaults: { complaints: { channelWeights: {} } } })?.findings).toEqual([]);
    // A heavier weight makes one public complaint and one other critical (5 reached).
    expect(twoComplaints({ defaults: { complaints: { channelWeights: { social_media: 4 } } } })?.findings[0]?.severity).toBe('critical');
  });

  it('does not escalate one medium complaint, and scores it in the complaints factor', () => {
    const { driver, last } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'billing'));
    expect(last()?.findings).toEqual([]);
    // 1 − 0.2 (open medium) − 0.05 (one in the window)
    expect(last()?.factor).toEqual({ value: 0.75, detail: '1 open complaint, 1 in 30 days' });
    expect(last()?.facts).toEqual({ openComplaints: 1 });
  });

  it('escalates on the count of medium-or-worse complaints in the window and turns critical at criticalCount', () => {
    const { driver, last } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'ui'));
    driver.send(complaint('acme', at('2026-03-03', 9), 'c1', 'resolved', 'medium', 'ui'));
    driver.send(complaint('acme', at('2026-03-05', 9), 'c2', 'opened', 'medium', 'exports'));
    expect(last()?.findings).toEqual([]);
    driver.send(complaint('acme', at('2026-03-06', 9), 'c3', 'opened', 'medium', 'login'));
    expect(last()?.findings[0]).toMatchObject({
      kind: 'complaint_escalation',
      severity: 'warning',
      since: '2026-03-06T09:00:00.000Z',
      headline: '3 complaints of medium severity or above in 30 days (2 open complaints)',
      fingerprint: 'warning:count:complaints-3',
    });
    driver.send(complaint('acme', at('2026-03-07', 9), 'c4', 'opened', 'medium', 'sso'));
    driver.send(complaint('acme', at('2026-03-08', 9), 'c5', 'opened', 'medium', 'api'));
    expect(last()?.findings[0]).toMatchObject({
      severity: 'critical',
      since: '2026-03-06T09:00:00.000Z',
      headline: '5 complaints of medium severity or above in 30 days (4 open complaints)',
    });
    // 1 − 4 × 0.2 (open medium) − 5 × 0.05 (in the window), floored at 0.
    expect(last()?.factor?.value).toBe(0);
  });

  it('does not escalate minor complaints by their number or category: routine support, though they weigh on health', () => {
    const { driver, last } = complaintDriver();
    for (const [day, id] of [
      ['2026-03-02', 'c1'],
      ['2026-03-05', 'c2'],
      ['2026-03-06', 'c3'],
      ['2026-03-07', 'c4'],
      ['2026-03-08', 'c5'],
    ] as const) {
      driver.send(complaint('acme', at(day, 9), id, 'opened', 'low', 'billing'));
    }
    expect(last()?.findings).toEqual([]);
    expect(last()?.evidence[0]?.observed).toMatchObject({ complaintsInWindow: 5, countedInWindow: 0, topCategoryCount: 0 });
    // 1 − 5 × 0.1 (open low) − 5 × 0.05.
    expect(last()?.factor?.value).toBe(0.25);
    // With every severity counted (countFromSeverity low), three of them escalate.
    const everything = complaintDriver({ defaults: { complaints: { countFromSeverity: 'low' } } });
    for (const record of ['c1', 'c2', 'c3'].map((id, i) => complaint('acme', at('2026-03-02', 9 + i), id, 'opened', 'low', 'billing')))
      everything.driver.send(record);
    expect(everything.last()?.findings[0]?.headline).toBe('3 complaints in 30 days; 3 complaints about billing (3 open complaints)');
  });

  it('escalates at once on a high-severity complaint and clears when it is resolved', () => {
    const { driver, last } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'high', 'outage'));
    expect(last()?.findings[0]).toMatchObject({ severity: 'warning', headline: 'A high-severity complaint is open (1 open complaint)' });
    driver.send(complaint('acme', at('2026-03-03', 9), 'c1', 'updated', 'critical', 'outage'));
    expect(last()?.findings[0]?.severity).toBe('critical');
    driver.send(complaint('acme', at('2026-03-04', 9), 'c1', 'resolved', 'critical', 'outage'));
    expect(last()?.findings).toEqual([]);
  });

  it('escalates a complaint left unresolved for unresolvedDays on a timer, with no new event', () => {
    const { driver, signals } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'billing'));
    expect(driver.timersOf('complaint-monitor', 'acme')).toEqual([{ name: 'complaint-check', atMs: at('2026-03-09', 9), clock: 'wall' }]);
    driver.advanceTo(at('2026-03-10'));
    const escalated = signals().find((signal) => signal.findings.length > 0);
    expect(escalated?.eventTime).toBe('2026-03-09T09:00:00.000Z');
    expect(escalated?.findings[0]).toMatchObject({ since: '2026-03-09T09:00:00.000Z', headline: 'A complaint has been open for 7 days (1 open complaint)' });
    expect(escalated?.findings[0]?.evidence[0]?.observed).toMatchObject({ oldestOpenDays: 7, openComplaints: 1, reasons: 'unresolved' });
  });

  it('escalates repeated complaints in one category while one is open, and clears once all are resolved', () => {
    const { driver, last } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'billing'));
    driver.send(complaint('acme', at('2026-03-02', 12), 'c1', 'resolved', 'medium', 'billing'));
    driver.send(complaint('acme', at('2026-03-10', 9), 'c2', 'opened', 'medium', 'billing'));
    expect(last()?.findings[0]).toMatchObject({ headline: '2 complaints about billing (1 open complaint)', since: '2026-03-10T09:00:00.000Z' });
    driver.send(complaint('acme', at('2026-03-11', 9), 'c2', 'resolved', 'medium', 'billing'));
    expect(last()?.findings).toEqual([]);
    // Both still weigh on health: 1 − 2 × 0.05.
    expect(last()?.factor).toEqual({ value: 0.9, detail: '0 open complaints, 2 in 30 days' });
  });

  it('lets complaints age out of the window on a timer', () => {
    const { driver, signals } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'low', 'ui'));
    driver.send(complaint('acme', at('2026-03-02', 12), 'c1', 'resolved', 'low', 'ui'));
    driver.advanceTo(at('2026-04-30'));
    // c1 leaves the 30-day window on 2026-04-01 09:00.
    expect(signals().at(-1)).toMatchObject({ eventTime: '2026-04-01T09:00:00.000Z', factor: { value: 1, detail: '0 open complaints, 0 in 30 days' } });
  });

  it('does not reopen a complaint whose "opened" arrives after its "resolved"', () => {
    const { driver, last } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 12), 'c1', 'resolved', 'high'));
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'high'));
    expect(last()?.facts).toEqual({ openComplaints: 0 });
    expect(last()?.findings).toEqual([]);
  });
});
