import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import type { Translator } from './i18n/translator.ts';

const MS_PER_DAY = 86_400_000;

/** A resolved step is an all-clear, unless it closed because the contract ended (the customer left). */
export function isAllClear(alert: ChurnRiskAlertV1): boolean {
  return alert.status === 'resolved' && alert.resolution !== 'contract_ended';
}

/** "Example GmbH (cust-0042)" when the profile names the customer, else the id. Not escaped. */
export function customerLabel(alert: ChurnRiskAlertV1, tr: Translator): string {
  return alert.customerName === undefined ? alert.customerId : tr.text('customer.named', { name: alert.customerName, id: alert.customerId });
}

/** The headline: what happened to whom, e.g. "OPENED usage declining — Example GmbH (cust-0042)". Not escaped. */
export function headline(alert: ChurnRiskAlertV1, tr: Translator): string {
  const step = alert.status === 'resolved' && alert.resolution === 'contract_ended' ? tr.text('step.closed') : tr.text(`step.${alert.status}`);
  return tr.text('headline', { step, kind: tr.text(`kind.${alert.kind}`), customer: customerLabel(alert, tr) });
}

/** Whole days from the step's event time to a calendar date (negative once it has passed). */
function daysUntil(date: string, eventTime: string): number {
  return Math.floor((Date.parse(`${date}T00:00:00Z`) - Math.floor(Date.parse(eventTime) / MS_PER_DAY) * MS_PER_DAY) / MS_PER_DAY);
}

/** What is at stake and who owns it, as short labelled facts in a fixed order. Not escaped. */
export function stakes(alert: ChurnRiskAlertV1, tr: Translator): string[] {
  const risk = alert.valueAtRisk;
  const renewalDays = alert.renewalDate === undefined ? -1 : daysUntil(alert.renewalDate, alert.eventTime);
  return [
    risk ? tr.text('stake.atRisk', { amount: tr.money(risk.amount, risk.currency), basis: tr.text(`basis.${risk.basis}`) }) : '',
    alert.renewalDate
      ? renewalDays >= 0
        ? tr.text('stake.renewalIn', { date: tr.date(alert.renewalDate), days: renewalDays })
        : tr.text('stake.renewal', { date: tr.date(alert.renewalDate) })
      : '',
    alert.healthScore !== undefined ? tr.text('stake.health', { score: Math.round(alert.healthScore) }) : '',
    alert.segment !== 'default' ? tr.text('stake.segment', { segment: alert.segment }) : '',
    alert.owner ? tr.text('stake.owner', { name: alert.owner.name }) : '',
    tr.text('stake.severity', { severity: tr.text(`severity.${alert.severity}`) }),
    tr.text('stake.since', { date: tr.date(alert.openedAt) }),
  ].filter(Boolean);
}
