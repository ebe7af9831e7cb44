import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';

/** "EUR 48,000" — whole units are what a person scans for; the exact amount stays in the alert. */
export function formatMoney(amount: string, currency: string): string {
  const value = Number(amount);
  return Number.isFinite(value) ? `${currency} ${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}` : `${currency} ${amount}`;
}

export function kindLabel(alert: ChurnRiskAlertV1): string {
  return alert.kind.replaceAll('_', ' ');
}

/** A resolved step is an all-clear, unless it closed because the contract ended (the customer left). */
export function isAllClear(alert: ChurnRiskAlertV1): boolean {
  return alert.status === 'resolved' && alert.resolution !== 'contract_ended';
}

function stepLabel(alert: ChurnRiskAlertV1): string {
  return alert.status === 'resolved' && alert.resolution === 'contract_ended' ? 'CLOSED (contract ended)' : alert.status.toUpperCase();
}

/** The headline: what happened to whom, e.g. "OPENED usage declining — acme". */
export function headline(alert: ChurnRiskAlertV1): string {
  return `${stepLabel(alert)} ${kindLabel(alert)} — ${alert.customerId}`;
}

/** What is at stake and who owns it, as short labelled facts in a fixed order. */
export function stakes(alert: ChurnRiskAlertV1): string[] {
  return [
    alert.valueAtRisk ? `at risk ${formatMoney(alert.valueAtRisk.amount, alert.valueAtRisk.currency)} (${alert.valueAtRisk.basis.replaceAll('_', ' ')})` : '',
    alert.renewalDate ? `renewal ${alert.renewalDate}` : '',
    alert.healthScore !== undefined ? `health ${Math.round(alert.healthScore)}/100` : '',
    alert.segment !== 'default' ? `segment ${alert.segment}` : '',
    alert.owner ? `owner ${alert.owner.name}` : '',
    `severity ${alert.severity}`,
    `since ${alert.openedAt.slice(0, 10)}`,
  ].filter(Boolean);
}
