import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { at } from '../../test/fixtures.ts';
import { DEFAULT_THRESHOLDS } from '../config/defaults.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import { assessRenewalRisk, type RenewalRiskInput, reasonsOfFingerprint } from './renewal-risk.ts';

const risk = DEFAULT_THRESHOLDS.renewalRisk;
const healthy: RenewalRiskInput = {
  contract: { renewalDate: '2026-12-31', autoRenew: true, contractStatus: 'active' },
  contractStatedAtMs: at('2026-01-05'),
  healthScore: 82,
  healthAtMs: at('2026-09-01'),
  poorHealthHeld: false,
  usageDecliningSinceMs: null,
  usageStoppedSinceMs: null,
  complaintsEscalatedSinceMs: null,
  openComplaints: 0,
  nps: null,
};

describe('renewal at risk', () => {
  it('is not at risk with good health, and wakes up when the renewal enters the window (90 days before it)', () => {
    const assessment = assessRenewalRisk(healthy, at('2026-09-01'), risk, 'r1');
    expect(assessment.finding).toBeNull();
    expect(assessment.nextCheckMs).toBe(at('2026-10-02'));
  });

  it('is at risk within 90 days with poor health, declining usage and escalated complaints; critical within 30', () => {
    const poor: RenewalRiskInput = {
      ...healthy,
      healthScore: 38.4,
      usageDecliningSinceMs: at('2026-10-20'),
      complaintsEscalatedSinceMs: at('2026-11-03'),
      openComplaints: 2,
    };
    expect(assessRenewalRisk(poor, at('2026-10-01'), risk, 'r1').finding).toBeNull();
    const assessment = assessRenewalRisk(poor, at('2026-11-05'), risk, 'r1');
    expect(assessment.finding).toMatchObject({
      severity: 'warning',
      headline: 'Renewal on 2026-12-31 in 56 days at risk: health 38/100, usage declining, complaints escalated (2 open complaints)',
      fingerprint: 'warning:poor_health+usage_declining+complaints_escalated',
    });
    expect(assessment.finding?.evidence.observed).toMatchObject({ daysToRenewal: 56, healthScore: 38.4, openComplaints: 2, complaintsEscalated: true });
    expect(assessRenewalRisk(poor, at('2026-12-10'), risk, 'r1').finding?.severity).toBe('critical');
  });

  it('keeps poor health as a reason of the open alert until the score reaches poorHealthBelow + poorHealthRecoveryMargin (55), so a score about 50 does not flap', () => {
    const nowMs = at('2026-11-05');
    const reasonsAt = (healthScore: number, poorHealthHeld: boolean) =>
      assessRenewalRisk({ ...healthy, healthScore, poorHealthHeld }, nowMs, risk, 'r1').finding?.fingerprint ?? null;
    expect(reasonsAt(49.4, false)).toBe('warning:poor_health');
    expect(reasonsAt(50.5, false)).toBeNull();
    expect(reasonsAt(50.5, true)).toBe('warning:poor_health');
    expect(reasonsAt(54.9, true)).toBe('warning:poor_health');
    expect(reasonsAt(55, true)).toBeNull();
  });

  it('reads back the reasons of the fingerprint it made', () => {
    const fingerprint = assessRenewalRisk({ ...healthy, healthScore: 40, usageStoppedSinceMs: at('2026-10-30') }, at('2026-11-05'), risk, 'r1').finding
      ?.fingerprint;
    expect(reasonsOfFingerprint(fingerprint ?? '')).toEqual(['poor_health', 'usage_stopped']);
    expect(reasonsOfFingerprint('warning:')).toEqual([]);
  });

  it('begins at the later of the window start and the start of the earliest reason', () => {
    const declining: RenewalRiskInput = { ...healthy, usageDecliningSinceMs: at('2026-09-20') };
    expect(assessRenewalRisk(declining, at('2026-11-05'), risk, 'r1').sinceMs).toBe(at('2026-10-02'));
    const lateDecline: RenewalRiskInput = { ...healthy, usageDecliningSinceMs: at('2026-11-12'), complaintsEscalatedSinceMs: at('2026-11-20') };
    expect(assessRenewalRisk(lateDecline, at('2026-11-25'), risk, 'r1').sinceMs).toBe(at('2026-11-12'));
  });

  it('does not count a minor open complaint, only the complaint monitor’s escalation', () => {
    expect(assessRenewalRisk({ ...healthy, openComplaints: 1 }, at('2026-12-10'), risk, 'r1').finding).toBeNull();
  });

  it('counts auto-renew switched off as a reason unless configured not to, and a cancellation as critical', () => {
    const switchedOff: RenewalRiskInput = {
      ...healthy,
      contract: { renewalDate: '2026-12-31', autoRenew: false, autoRenewSwitchedOff: true, contractStatus: 'active' },
    };
    expect(assessRenewalRisk(switchedOff, at('2026-11-15'), risk, 'r1').finding?.headline).toBe('Renewal on 2026-12-31 in 46 days at risk: auto-renew off');
    expect(assessRenewalRisk(switchedOff, at('2026-11-15'), { ...risk, autoRenewOffIsRisk: false }, 'r1').finding).toBeNull();
    const cancelled: RenewalRiskInput = { ...healthy, contract: { renewalDate: '2026-12-31', autoRenew: false, contractStatus: 'cancelled' } };
    expect(assessRenewalRisk(cancelled, at('2026-11-15'), risk, 'r1').finding).toMatchObject({ severity: 'critical', fingerprint: 'critical:cancelled' });
  });

  it('does not count a manual renewal (auto-renew never on) by itself, nor its good or passive NPS answers', () => {
    const manual: RenewalRiskInput = {
      ...healthy,
      contract: { renewalDate: '2026-12-31', autoRenew: false, autoRenewSwitchedOff: false, contractStatus: 'active' },
    };
    const assessment = assessRenewalRisk(manual, at('2026-12-20'), risk, 'r1');
    expect(assessment.finding).toBeNull();
    expect(assessment.reasons).toEqual([]);
    expect(assessRenewalRisk({ ...manual, nps: { score: 7, atMs: at('2026-11-02') } }, at('2026-12-20'), risk, 'r1').finding).toBeNull();
    // Facts without the switch (as stored before it was known) count as a manual renewal too.
    const unknown: RenewalRiskInput = { ...healthy, contract: { renewalDate: '2026-12-31', autoRenew: false, contractStatus: 'active' } };
    expect(assessRenewalRisk(unknown, at('2026-12-20'), risk, 'r1').finding).toBeNull();
  });

  it('counts a manual renewal whose customer answered NPS below 7, from the answer or the window start', () => {
    const manual: RenewalRiskInput = {
      ...healthy,
      contract: { renewalDate: '2026-12-31', autoRenew: false, autoRenewSwitchedOff: false, contractStatus: 'active' },
      nps: { score: 6, atMs: at('2026-11-02', 10) },
    };
    const assessment = assessRenewalRisk(manual, at('2026-11-15'), risk, 'r1');
    expect(assessment.finding).toMatchObject({
      severity: 'warning',
      headline: 'Renewal on 2026-12-31 in 46 days at risk: renews by order, NPS answer 6',
      fingerprint: 'warning:manual_renewal_detractor',
    });
    expect(assessment.finding?.evidence.observed).toMatchObject({ autoRenewSwitchedOff: false, npsScore: 6 });
    expect(assessment.sinceMs).toBe(at('2026-11-02', 10));
    const earlyAnswer = { ...manual, nps: { score: 3, atMs: at('2026-08-20') } };
    expect(assessRenewalRisk(earlyAnswer, at('2026-11-15'), risk, 'r1').sinceMs).toBe(at('2026-10-02'));
    expect(assessRenewalRisk(manual, at('2026-11-15'), { ...risk, detractorBelow: 0 }, 'r1').finding).toBeNull();
    // Configured so, any manual renewal is at risk, from the contract facts that state it.
    const flagged = assessRenewalRisk({ ...manual, nps: null }, at('2026-11-15'), { ...risk, manualRenewalIsRisk: true }, 'r1');
    expect(flagged.finding?.headline).toBe('Renewal on 2026-12-31 in 46 days at risk: renews by order');
    expect(flagged.sinceMs).toBe(at('2026-10-02'));
    // An auto-renewing customer's detractor answer is no renewal reason: its contract renews unless it acts.
    expect(assessRenewalRisk({ ...healthy, nps: { score: 2, atMs: at('2026-11-02') } }, at('2026-11-15'), risk, 'r1').finding).toBeNull();
  });

  it('holds past the renewal date until the contract is settled: a due renewal not renewed is no all-clear', () => {
    const switchedOff: RenewalRiskInput = {
      ...healthy,
      contract: { renewalDate: '2026-12-31', autoRenew: false, autoRenewSwitchedOff: true, contractStatus: 'active' },
    };
    expect(assessRenewalRisk(switchedOff, at('2027-01-03', 12), risk, 'r1').finding).toMatchObject({
      severity: 'critical',
      headline: 'Renewal on 2026-12-31 due 3 days ago, not renewed yet, at risk: auto-renew off',
    });
  });

  it('says nothing without a live contract', () => {
    expect(assessRenewalRisk({ ...healthy, contract: undefined }, at('2026-12-01'), risk, 'r1').finding).toBeNull();
    const ended: RenewalRiskInput = { ...healthy, healthScore: 10, contract: { renewalDate: '2026-12-31', contractStatus: 'ended' } };
    expect(assessRenewalRisk(ended, at('2026-12-01'), risk, 'r1').finding).toBeNull();
  });

  it('stops start-up on a bad manual renewal setting, naming the field', () => {
    const bad = () => parseDetectionConfig({ defaults: { renewalRisk: { detractorBelow: 11, manualRenewalIsRisk: 'yes' } } });
    expect(bad).toThrow(ConfigError);
    expect(() => bad()).toThrow(/defaults\.renewalRisk\.detractorBelow/);
    expect(() => bad()).toThrow(/defaults\.renewalRisk\.manualRenewalIsRisk/);
  });

  it('keeps the recovery margin above an overridden poorHealthBelow, and stops start-up on a negative margin, naming the field', () => {
    const raised = parseDetectionConfig({ defaults: { renewalRisk: { poorHealthBelow: 60 } } }).thresholds.renewalRisk;
    const held = (healthScore: number) => assessRenewalRisk({ ...healthy, healthScore, poorHealthHeld: true }, at('2026-11-05'), raised, 'r1').finding;
    expect(held(64.9)?.fingerprint).toBe('warning:poor_health');
    expect(held(65)).toBeNull();
    expect(() => parseDetectionConfig({ defaults: { renewalRisk: { poorHealthRecoveryMargin: -1 } } })).toThrow(
      /defaults\.renewalRisk\.poorHealthRecoveryMargin/,
    );
  });
});
