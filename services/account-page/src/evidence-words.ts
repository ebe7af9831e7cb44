import type { AlertRow } from './account-queries.ts';
import { words } from './html.ts';

/** `usagePerDay` → `usage per day`. */
function fieldWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function valueWords(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value === null || value === undefined ? 'none' : String(value);
}

/**
 * An alert's evidence as sentences a CS manager can read: what was measured, against which
 * thresholds, by which detector. Pure.
 */
export function evidenceInWords(evidence: AlertRow['evidence']): string[] {
  return evidence.map((item) => {
    const observed = Object.entries(item.observed).map(([name, value]) => `${fieldWords(name)} ${valueWords(value)}`);
    const thresholds = Object.entries(item.thresholds).map(([name, value]) => `${fieldWords(name)} ${valueWords(value)}`);
    const statistic = item.statistic ? `; ${words(item.statistic.name)} ${valueWords(item.statistic.value)}` : '';
    const measured = observed.length ? `Measured ${observed.join(', ')}` : 'Nothing measured';
    const against = thresholds.length ? ` against ${thresholds.join(', ')}` : '';
    return `${measured}${against}${statistic} (${item.detector}).`;
  });
}
