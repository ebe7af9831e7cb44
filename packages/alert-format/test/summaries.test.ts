import { describe, expect, test } from 'vitest';
import { renderAlert } from '../src/index.ts';
import {
  complaintEscalation,
  openAlerts,
  purchaseLapse,
  purchaseLapseByModel,
  renewalAtRisk,
  renewalUpcoming,
  usageDeclining,
  usageStopped,
} from './fixtures.ts';

const summaries = (alert: Parameters<typeof renderAlert>[0]) => [renderAlert(alert, 'en').summary, renderAlert(alert, 'de').summary];

describe('evidence sentences in both languages', () => {
  test('usage decline', () => {
    expect(summaries(usageDeclining)).toEqual([
      'Usage fell 49% over 14 days against its 8-week baseline',
      'Nutzung in 14 Tagen um 49\u00a0% gesunken, gemessen an den 8 Wochen davor',
    ]);
  });

  test('the open complaints follow a sentence that does not count them already', () => {
    expect(summaries({ ...usageDeclining, openComplaints: 3 })).toEqual([
      'Usage fell 49% over 14 days against its 8-week baseline; 3 open complaints',
      'Nutzung in 14 Tagen um 49\u00a0% gesunken, gemessen an den 8 Wochen davor; 3 offene Beschwerden',
    ]);
    expect(renderAlert({ ...usageDeclining, openComplaints: 0 }, 'en').summary).toBe('Usage fell 49% over 14 days against its 8-week baseline');
    expect(renderAlert({ ...complaintEscalation, openComplaints: 2 }, 'en').summary).toMatch(/\(2 open complaints\)$/);
    expect(renderAlert({ ...usageDeclining, openComplaints: 1, status: 'resolved', resolution: 'all_clear' }, 'en').summary).not.toContain('complaint');
  });

  test('usage stopped', () => {
    expect(summaries(usageStopped)).toEqual([
      'No usage for 17 days (last on Sep 21, 2026); 18.4 usage events would be usual by now',
      'Seit 17 Tagen keine Nutzung (zuletzt am 21.09.2026); üblich wären bis jetzt 18,4 Nutzungsereignisse',
    ]);
  });

  test('renewal upcoming', () => {
    expect(summaries(renewalUpcoming)).toEqual([
      'Renewal on Nov 7, 2026, in 30 days; auto-renew on',
      'Verlängerung am 07.11.2026, in 30 Tagen; automatische Verlängerung an',
    ]);
  });

  test('renewal at risk, its reasons as a list', () => {
    expect(summaries(renewalAtRisk)).toEqual([
      'Renewal on Nov 7, 2026 in 30 days at risk: auto-renew off and health 45/100',
      'Verlängerung am 07.11.2026 in 30 Tagen gefährdet: automatische Verlängerung aus und Gesundheit 45/100',
    ]);
  });

  test('renewal at risk of a manual renewal with a detractor answer', () => {
    const evidence = renewalAtRisk.evidence[0] as (typeof renewalAtRisk.evidence)[number];
    const manual = {
      ...renewalAtRisk,
      evidence: [{ ...evidence, observed: { ...evidence.observed, autoRenewSwitchedOff: false, npsScore: 4, reasons: 'manual_renewal_detractor' } }],
    };
    expect(summaries(manual)).toEqual([
      'Renewal on Nov 7, 2026 in 30 days at risk: renews by order, NPS answer 4',
      'Verlängerung am 07.11.2026 in 30 Tagen gefährdet: Verlängerung per Bestellung, NPS-Antwort 4',
    ]);
  });

  test('complaint escalation', () => {
    expect(summaries(complaintEscalation)).toEqual([
      '3 complaints of medium severity or above in 30 days; a high-severity complaint is open; 2 complaints about performance (2 open complaints)',
      '3 Beschwerden mit Schweregrad mittel oder höher in 30 Tagen; eine Beschwerde mit Schweregrad hoch ist offen; 2 Beschwerden zum Thema performance (2 offene Beschwerden)',
    ]);
  });

  test('purchase lapse, by rhythm and by the BG/NBD model', () => {
    expect(summaries(purchaseLapse)).toEqual([
      'No purchase for 13 days (last on Sep 25, 2026); this customer usually buys every 6.5 days',
      'Seit 13 Tagen kein Kauf (zuletzt am 25.09.2026); üblich ist ein Kauf alle 6,5 Tage',
    ]);
    expect(summaries(purchaseLapseByModel)).toEqual([
      'No purchase for 42 days (last on Aug 27, 2026); the purchase model puts the chance that this customer still buys at 31%',
      'Seit 42 Tagen kein Kauf (zuletzt am 27.08.2026); laut Kaufmodell kauft dieser Kunde nur noch mit 31\u00a0% Wahrscheinlichkeit',
    ]);
  });

  test('all-clears and closes', () => {
    expect(summaries({ ...usageStopped, status: 'resolved', resolution: 'all_clear' })).toEqual([
      'All clear: usage resumed on Sep 21, 2026',
      'Entwarnung: Nutzung seit 21.09.2026 wieder aufgenommen',
    ]);
    expect(summaries({ ...usageDeclining, status: 'resolved', resolution: 'contract_ended' })).toEqual([
      'Closed, not resolved: the contract ended; the customer has left',
      'Geschlossen, nicht gelöst: der Vertrag ist beendet; der Kunde ist gegangen',
    ]);
    expect(summaries({ ...renewalUpcoming, status: 'resolved', resolution: 'contract_ended' })).toEqual([
      'Closed: the contract ended on Nov 7, 2026',
      'Geschlossen: der Vertrag endete am 07.11.2026',
    ]);
  });

  test('a close by hand names who closed it, in both languages, for every kind', () => {
    const by = { action: 'resolve', by: 'dana@example.com', at: '2026-10-09T08:00:00Z', source: 'account_page' } as const;
    for (const alert of openAlerts) {
      expect(summaries({ ...alert, status: 'resolved', resolution: 'closed_by_hand', history: [by] }), alert.kind).toEqual([
        'Resolved by hand by dana@example.com; looked at again after the cooldown if the problem is still there',
        'Von Hand erledigt durch dana@example.com; nach der Abklingzeit wird erneut geprüft, ob das Problem noch besteht',
      ]);
    }
    expect(summaries({ ...usageStopped, status: 'resolved', resolution: 'closed_by_hand' })[1]).toBe(
      'Von Hand erledigt; nach der Abklingzeit wird erneut geprüft, ob das Problem noch besteht',
    );
  });

  test('evidence this package does not know falls back to the alert’s own summary', () => {
    const unknown = { ...usageDeclining, evidence: [{ detector: 'custom-rule', ruleVersion: '1', observed: {}, thresholds: {} }] };
    expect(renderAlert(unknown, 'de').summary).toBe(usageDeclining.summary);
  });
});
