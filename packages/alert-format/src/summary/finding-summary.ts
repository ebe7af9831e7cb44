import type { MessageId } from '../i18n/catalogues.ts';
import type { Translator } from '../i18n/translator.ts';
import { type EvidenceReader, evidenceOf, reasonsOf } from './evidence-reader.ts';
import type { SentenceFacts } from './sentence-facts.ts';

/**
 * The sentence of an open alert step, written from its evidence in the reader's language, e.g.
 * "Usage fell 49% over 14 days against its 8-week baseline". Undefined when the evidence is not
 * one this package knows; the caller then shows the alert's own `summary`. Not escaped. Pure.
 */
export function findingSummary(alert: SentenceFacts, tr: Translator): string | undefined {
  switch (alert.kind) {
    case 'usage_declining':
      return usageDecline(evidenceOf(alert, 'usage-decline'), tr);
    case 'usage_stopped':
      return usageSilence(evidenceOf(alert, 'usage-silence'), tr);
    case 'renewal_upcoming':
      return renewalHorizon(evidenceOf(alert, 'renewal-horizon'), tr);
    case 'renewal_at_risk':
      return renewalRisk(evidenceOf(alert, 'renewal-risk'), tr);
    case 'complaint_escalation':
      return complaints(evidenceOf(alert, 'complaint-escalation'), tr);
    case 'purchase_lapse':
      return purchaseLapse(evidenceOf(alert, 'purchase-lapse'), tr);
  }
}

function usageDecline(reader: EvidenceReader | undefined, tr: Translator): string | undefined {
  const drop = reader?.number('relativeDrop');
  const weeks = reader?.number('baselineWeeks');
  const days = reader?.windowDays;
  if (drop === undefined || weeks === undefined || days === undefined) return undefined;
  return tr.text('summary.usageDecline', { drop: Math.round(drop * 100) / 100, days, weeks });
}

function usageSilence(reader: EvidenceReader | undefined, tr: Translator): string | undefined {
  const days = reader?.number('silentDays');
  const lastUsageAt = reader?.string('lastUsageAt');
  const expected = reader?.number('expectedCount');
  if (days === undefined || lastUsageAt === undefined || expected === undefined) return undefined;
  return tr.text('summary.usageSilence', { days, lastDate: tr.date(lastUsageAt), expected });
}

function renewalHorizon(reader: EvidenceReader | undefined, tr: Translator): string | undefined {
  const date = reader?.string('renewalDate');
  const days = reader?.number('daysToRenewal');
  if (reader === undefined || date === undefined || days === undefined) return undefined;
  if (reader.string('status') === 'cancelled') return tr.text('summary.contractCancelled', { date: tr.date(date), days: Math.max(days, 0) });
  if (days < 0) return tr.text('summary.renewalOverdue', { date: tr.date(date), days: -days });
  return tr.text('summary.renewalUpcoming', { date: tr.date(date), days, autoRenew: reader.boolean('autoRenew') === true });
}

const renewalReasons = new Set([
  'cancelled',
  'auto_renew_off',
  'manual_renewal',
  'manual_renewal_detractor',
  'poor_health',
  'usage_declining',
  'usage_stopped',
  'complaints_escalated',
]);

function renewalRisk(reader: EvidenceReader | undefined, tr: Translator): string | undefined {
  const date = reader?.string('renewalDate');
  const days = reader?.number('daysToRenewal');
  if (reader === undefined || date === undefined || days === undefined) return undefined;
  const reasons = reasonsOf(reader);
  if (reasons.length === 0 || reasons.some((reason) => !renewalReasons.has(reason))) return undefined;
  const words = reasons.map((reason) =>
    tr.text(`reason.renewal.${reason}` as MessageId, {
      score: Math.round(reader.number('healthScore') ?? 0),
      open: reader.number('openComplaints') ?? 0,
      nps: reader.number('npsScore') ?? 0,
    }),
  );
  const id = days >= 0 ? 'summary.renewalRisk' : 'summary.renewalRiskOverdue';
  return tr.text(id, { date: tr.date(date), days: Math.abs(days), reasons: tr.list(words) });
}

const complaintSeverities = new Set(['low', 'medium', 'high', 'critical']);

function severityWord(severity: string | number | undefined, tr: Translator): string | undefined {
  return typeof severity === 'string' && complaintSeverities.has(severity) ? tr.text(`complaintSeverity.${severity}` as MessageId) : undefined;
}

function complaints(reader: EvidenceReader | undefined, tr: Translator): string | undefined {
  const open = reader?.number('openComplaints');
  if (reader === undefined || open === undefined) return undefined;
  const days = reader.threshold('windowDays');
  const parts: (string | undefined)[] = reasonsOf(reader).map((reason) => {
    switch (reason) {
      case 'count': {
        const from = reader.threshold('countFromSeverity');
        const count = reader.number('countedInWindow');
        if (count === undefined || typeof days !== 'number') return undefined;
        return from === 'low' || from === undefined
          ? tr.text('reason.complaints.count', { count, days })
          : tr.text('reason.complaints.countFrom', { count, days, severity: severityWord(from, tr) ?? String(from) });
      }
      case 'severity': {
        const severity = severityWord(reader.string('highestOpenSeverity'), tr);
        return severity === undefined ? undefined : tr.text('reason.complaints.severity', { severity });
      }
      case 'unresolved': {
        const oldest = reader.number('oldestOpenDays');
        return oldest === undefined ? undefined : tr.text('reason.complaints.unresolved', { days: oldest });
      }
      case 'repeated_category': {
        const count = reader.number('topCategoryCount');
        const category = reader.string('topCategory');
        return count === undefined || category === undefined ? undefined : tr.text('reason.complaints.repeated', { count, category });
      }
      default:
        return undefined;
    }
  });
  if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
  const sentence = parts.join('; ');
  return tr.text('summary.complaints', { reasons: `${sentence.charAt(0).toLocaleUpperCase(tr.locale)}${sentence.slice(1)}`, open });
}

function purchaseLapse(reader: EvidenceReader | undefined, tr: Translator): string | undefined {
  const since = reader?.number('daysSinceLastPurchase');
  const lastPurchaseAt = reader?.string('lastPurchaseAt');
  if (reader === undefined || since === undefined || lastPurchaseAt === undefined) return undefined;
  const common = { days: Math.floor(since), lastDate: tr.date(lastPurchaseAt) };
  const model = reader.string('model');
  const rhythm = reader.number('rhythmDays');
  const alive = reader.number('probabilityAlive');
  if (model === 'purchase-rhythm' && rhythm !== undefined) return tr.text('summary.purchaseRhythm', { ...common, rhythm });
  if (model === 'bg-nbd' && alive !== undefined) return tr.text('summary.purchaseModel', { ...common, alive: Math.round(alive * 100) / 100 });
  return undefined;
}
