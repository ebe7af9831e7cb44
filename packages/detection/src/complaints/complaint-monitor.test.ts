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

/** Opens billing complaints c1 … c5 at 09:00 on the given days. */
function openFive(driver: ReturnType<typeof complaintDriver>['driver'], days: readonly string[], severity: ComplaintEventV1['severity']) {
  for (const [i, day] of days.entries()) driver.send(complaint('acme', at(day, 9), `c${i + 1}`, 'opened', severity, 'billing'));
}

describe('complaint monitor', () => {
  it('weighs a public complaint more, so that it escalates sooner', () => {
    const onSocialMedia = (record: FedRecord) => ({ ...record, value: { ...(record.value as ComplaintEventV1), channel: 'social_media' as const } });
    const twoComplaints = (config: unknown) => {
      const { driver, signals } = complaintDriver(config);
      driver.send(onSocialMedia(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'billing')));
      driver.send(complaint('acme', at('2026-03-03', 9), 'c2', 'opened', 'medium', 'exports'));
      driver.advanceTo(at('2026-03-20'));
      return { first: signals().find((signal) => signal.findings.length > 0), last: signals().at(-1) };
    };
    // Whatever the track record (two complaints are too few to judge; see the track-record tests).
    const atOnce = { minTrackRecord: 0 };
    // Built in: a social-media complaint counts 2, so 2 + 1 reaches countThreshold 3 once both
    // have been open 14 days (c2 on 03-17 09:00).
    const weighted = twoComplaints({ defaults: { complaints: atOnce } }).first;
    expect(weighted?.eventTime).toBe('2026-03-17T09:00:00.000Z');
    expect(weighted?.findings[0]).toMatchObject({
      kind: 'complaint_escalation',
      severity: 'warning',
      headline:
        '2 complaints unresolved for 14 days or more (the oldest 15 days); 2 complaints of medium severity or above in 30 days (1 public, weighing more) (2 open complaints)',
    });
    expect(weighted?.findings[0]?.evidence[0]?.observed).toMatchObject({ standingComplaints: 2, weightedStanding: 3, weightedChannelComplaints: 1 });
    expect(weighted?.findings[0]?.evidence[0]?.thresholds).toMatchObject({ 'channelWeights.social_media': 2 });
    // 1 − 2 × 0.2 (open mediums) − 0.05 × (2 + 1) weighted in the window
    expect(weighted?.factor?.value).toBe(0.45);
    // With every channel weighing 1 the same two complaints are no pattern.
    expect(twoComplaints({ defaults: { complaints: { ...atOnce, channelWeights: {} } } }).first).toBeUndefined();
    // A heavier weight escalates the public complaint alone (4, on 03-16), and with the other one critical (5 reached).
    const heavier = twoComplaints({ defaults: { complaints: { ...atOnce, channelWeights: { social_media: 4 } } } });
    expect(heavier.first?.eventTime).toBe('2026-03-16T09:00:00.000Z');
    expect(heavier.last?.findings[0]?.severity).toBe('critical');
  });

  it('does not escalate one medium complaint, and scores it in the complaints factor', () => {
    const { driver, last } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'billing'));
    expect(last()?.findings).toEqual([]);
    // 1 − 0.2 (open medium) − 0.05 (one in the window)
    expect(last()?.factor).toEqual({ value: 0.75, detail: '1 open complaint, 1 in 30 days' });
    expect(last()?.facts).toEqual({ openComplaints: 1 });
  });

  it('does not escalate a burst of complaints that CS resolves: handled well, they are no churn signal', () => {
    const { driver, signals } = complaintDriver();
    openFive(driver, ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'], 'high');
    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) driver.send(complaint('acme', at('2026-03-12', 9), id, 'resolved', 'high', 'billing'));
    driver.advanceTo(at('2026-04-30'));
    expect(signals().filter((signal) => signal.findings.length > 0)).toEqual([]);
    // While they were open they weighed on health: 1 − 5 × 0.35 − 5 × 0.05, floored at 0.
    expect(Math.min(...signals().map((signal) => signal.factor?.value ?? 1))).toBe(0);
  });

  it('escalates complaints left unresolved, on a timer with no new event, and turns critical at criticalCount', () => {
    const { driver, signals } = complaintDriver();
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'ui'));
    driver.send(complaint('acme', at('2026-03-03', 9), 'c1', 'resolved', 'medium', 'ui'));
    driver.send(complaint('acme', at('2026-03-05', 9), 'c2', 'opened', 'medium', 'exports'));
    driver.send(complaint('acme', at('2026-03-06', 9), 'c3', 'opened', 'medium', 'login'));
    driver.send(complaint('acme', at('2026-03-07', 9), 'c4', 'opened', 'medium', 'sso'));
    driver.send(complaint('acme', at('2026-03-09', 9), 'c5', 'opened', 'medium', 'api'));
    driver.send(complaint('acme', at('2026-03-10', 9), 'c6', 'opened', 'medium', 'billing'));
    // The first check: c1 old enough to judge for the track record (c2 open 14 days follows on 03-19).
    expect(driver.timersOf('complaint-monitor', 'acme')).toEqual([{ name: 'complaint-check', atMs: at('2026-03-16', 9), clock: 'wall' }]);
    driver.advanceTo(at('2026-03-22'));
    // On 03-21 09:00 c4 is judged too: 1 of 4 resolved in time is a poor record, and c2 … c4 stand.
    const escalated = signals().filter((signal) => signal.findings.length > 0);
    expect(escalated[0]?.eventTime).toBe('2026-03-21T09:00:00.000Z');
    expect(escalated[0]?.findings[0]).toMatchObject({
      kind: 'complaint_escalation',
      severity: 'warning',
      since: '2026-03-21T09:00:00.000Z',
      headline: '3 complaints unresolved for 14 days or more (the oldest 16 days); 6 complaints of medium severity or above in 30 days (5 open complaints)',
      fingerprint: 'warning:unresolved+count:complaints-6',
    });
    expect(escalated[0]?.findings[0]?.evidence[0]?.observed).toMatchObject({
      standingComplaints: 3,
      weightedStanding: 3,
      oldestOpenDays: 16,
      trackRecordJudged: 4,
      trackRecordResolved: 1,
      reasons: 'unresolved,count',
    });
    driver.advanceTo(at('2026-04-07'));
    // c6 reaches 14 days on 03-24 09:00: five unresolved.
    const critical = signals().find((signal) => signal.findings[0]?.severity === 'critical');
    expect(critical?.eventTime).toBe('2026-03-24T09:00:00.000Z');
    expect(critical?.findings[0]).toMatchObject({
      since: '2026-03-21T09:00:00.000Z',
      headline: expect.stringMatching(/^5 complaints unresolved for 14 days or more \(the oldest 19 days\)/),
    });
    // Complaints opened before the window no longer stand, resolved or not: c2 leaves it on 04-04
    // 09:00, c3 on 04-05, c4 on 04-06, and with two standing the escalation ends, all five still open.
    const ended = signals().find((signal) => signal.eventTime > '2026-03-24T09:00:00.000Z' && signal.findings.length === 0);
    expect(ended?.eventTime).toBe('2026-04-06T09:00:00.000Z');
    expect(ended?.evidence[0]?.observed).toMatchObject({ openComplaints: 5, standingComplaints: 2, oldestOpenDays: 32 });
  });

  it('does not escalate minor complaints left open: routine support, though they weigh on health', () => {
    const { driver, last } = complaintDriver();
    openFive(driver, ['2026-03-02', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'], 'low');
    driver.advanceTo(at('2026-03-25'));
    expect(last()?.findings).toEqual([]);
    expect(last()?.evidence[0]?.observed).toMatchObject({ complaintsInWindow: 5, countedInWindow: 0, standingComplaints: 0, topCategoryCount: 0 });
    // 1 − 5 × 0.1 (open low) − 5 × 0.05.
    expect(last()?.factor?.value).toBe(0.25);
    // With every severity counted (countFromSeverity low), four of them left open (a record of four,
    // none resolved) escalate, and the category is named.
    const everything = complaintDriver({ defaults: { complaints: { countFromSeverity: 'low' } } });
    for (const record of ['c1', 'c2', 'c3', 'c4'].map((id, i) => complaint('acme', at('2026-03-02', 9 + i), id, 'opened', 'low', 'billing')))
      everything.driver.send(record);
    everything.driver.advanceTo(at('2026-03-17'));
    expect(everything.last()?.findings[0]?.headline).toBe(
      '4 complaints unresolved for 14 days or more (the oldest 14 days); 4 complaints in 30 days; 4 complaints about billing (4 open complaints)',
    );
  });

  it('escalates at once on a critical complaint, not on a high one, and clears when it is resolved', () => {
    // Whatever the track record (see the track-record tests).
    const atOnce = { minTrackRecord: 0 };
    const { driver, last } = complaintDriver({ defaults: { complaints: atOnce } });
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'high', 'outage'));
    expect(last()?.findings).toEqual([]);
    driver.send(complaint('acme', at('2026-03-03', 9), 'c1', 'updated', 'critical', 'outage'));
    expect(last()?.findings[0]).toMatchObject({ severity: 'critical', headline: 'A critical-severity complaint is open (1 open complaint)' });
    driver.send(complaint('acme', at('2026-03-04', 9), 'c1', 'resolved', 'critical', 'outage'));
    expect(last()?.findings).toEqual([]);
    // escalateAtSeverity high restores the escalation of a high-severity complaint at once.
    const strict = complaintDriver({ defaults: { complaints: { ...atOnce, escalateAtSeverity: 'high' } } });
    strict.driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'high', 'outage'));
    expect(strict.last()?.findings[0]).toMatchObject({ severity: 'warning', headline: 'A high-severity complaint is open (1 open complaint)' });
    // never: not even a critical one escalates at once.
    const patient = complaintDriver({ defaults: { complaints: { ...atOnce, escalateAtSeverity: 'never' } } });
    patient.driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'critical', 'outage'));
    expect(patient.last()?.findings).toEqual([]);
  });

  it("escalates a critical complaint at once only when the customer's earlier complaints were left standing", () => {
    // Earlier medium complaints c1 … c4, all old enough to judge by 04-01; `resolvedInTime` resolved within 14 days.
    const history = (driver: ReturnType<typeof complaintDriver>['driver'], resolvedInTime: readonly string[]) => {
      openFive(driver, ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'], 'medium');
      for (const id of resolvedInTime) driver.send(complaint('acme', at('2026-02-10', 9), id, 'resolved', 'medium', 'billing'));
      driver.send(complaint('acme', at('2026-04-01', 9), 'c9', 'opened', 'critical', 'outage'));
    };
    // One of four resolved in time is below minResolvedShare (0.4 × 4): a poor record, the critical complaint escalates at once.
    const neglected = complaintDriver();
    history(neglected.driver, ['c1']);
    expect(neglected.last()?.findings[0]).toMatchObject({ severity: 'critical', headline: 'A critical-severity complaint is open (4 open complaints)' });
    expect(neglected.last()?.findings[0]?.evidence[0]?.observed).toMatchObject({ trackRecordJudged: 4, trackRecordResolved: 1, trackRecordPoor: true });
    // Two of four: CS handles this customer's complaints, so the critical one has to stand first.
    const handled = complaintDriver();
    history(handled.driver, ['c1', 'c2']);
    expect(handled.last()?.findings).toEqual([]);
    expect(handled.last()?.evidence[0]?.observed).toMatchObject({ trackRecordJudged: 4, trackRecordResolved: 2, trackRecordPoor: false });
    // Open 14 days, it is judged itself (2 of 5 resolved in time is not poor) and stands alone: c3
    // and c4, open since February, were opened before the window.
    handled.driver.advanceTo(at('2026-04-20'));
    expect(handled.last()?.findings).toEqual([]);
    // minTrackRecord 0: at once, whatever the record.
    const always = complaintDriver({ defaults: { complaints: { minTrackRecord: 0 } } });
    history(always.driver, ['c1', 'c2']);
    expect(always.last()?.findings[0]?.severity).toBe('critical');
  });

  it('does not judge a customer on fewer than minTrackRecord complaints: one critical complaint left open does not escalate', () => {
    const lone = (config: unknown) => {
      const { driver, signals } = complaintDriver(config);
      driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'critical', 'outage'));
      driver.advanceTo(at('2026-03-20'));
      return signals();
    };
    // Built in (minTrackRecord 4): judged on 03-16 09:00, 0 of 1 resolved in time is no record yet.
    expect(lone({}).filter((signal) => signal.findings.length > 0)).toEqual([]);
    // minTrackRecord 1: the one complaint is a record, and it escalates once it has stood unresolvedDays itself.
    const escalated = lone({ defaults: { complaints: { minTrackRecord: 1 } } }).find((signal) => signal.findings.length > 0);
    expect(escalated?.eventTime).toBe('2026-03-16T09:00:00.000Z');
    expect(escalated?.findings[0]).toMatchObject({ severity: 'critical', headline: 'A critical-severity complaint is open (1 open complaint)' });
  });

  it('refuses an unresolvedDays that leaves no complaint time to stand within the window', () => {
    expect(() => parseDetectionConfig({ defaults: { complaints: { unresolvedDays: 30 } } })).toThrow(
      /complaints\.unresolvedDays: must be below complaints\.windowDays \(30\)/,
    );
  });

  it('names repeated complaints in one category, but they alone do not escalate', () => {
    const { driver, last } = complaintDriver({ defaults: { complaints: { minTrackRecord: 0 } } });
    driver.send(complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'billing'));
    driver.send(complaint('acme', at('2026-03-03', 9), 'c2', 'opened', 'medium', 'billing'));
    expect(last()?.findings).toEqual([]);
    expect(last()?.evidence[0]?.observed).toMatchObject({ topCategory: 'billing', topCategoryCount: 2, reasons: '' });
    driver.send(complaint('acme', at('2026-03-04', 9), 'c3', 'opened', 'critical', 'outage'));
    expect(last()?.findings[0]?.headline).toBe(
      'A critical-severity complaint is open; 3 complaints of medium severity or above in 30 days; 2 complaints about billing (3 open complaints)',
    );
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
