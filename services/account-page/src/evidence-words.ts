import type { Translator } from '@churnwatch/alert-format';
import type { AlertRow } from './account-queries.ts';
import { words } from './html.ts';

/** `usagePerDay` → `usage per day`. */
function fieldWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function valueWords(value: unknown, tr: Translator): string {
  if (typeof value === 'number') return tr.number(value);
  if (typeof value === 'boolean') return tr.text(value ? 'page.value.yes' : 'page.value.no');
  return value === null || value === undefined ? tr.text('page.value.none') : String(value);
}

/**
 * An alert's evidence as sentences a CS manager can read, in the reader's language: what was
 * measured, against which thresholds, by which detector. The measured names stay the detector's
 * own (they name fields of the published evidence). Pure.
 */
export function evidenceInWords(evidence: AlertRow['evidence'], tr: Translator): string[] {
  const listed = (facts: Record<string, unknown>) =>
    Object.entries(facts)
      .map(([name, value]) => `${fieldWords(name)} ${valueWords(value, tr)}`)
      .join(', ');
  return evidence.map((item) => {
    const observed = listed(item.observed);
    const thresholds = listed(item.thresholds);
    const statistic = item.statistic ? `; ${words(item.statistic.name)} ${valueWords(item.statistic.value, tr)}` : '';
    const measured =
      observed === ''
        ? tr.text('page.evidence.nothing')
        : thresholds === ''
          ? tr.text('page.evidence.measured', { observed })
          : tr.text('page.evidence.measuredAgainst', { observed, thresholds });
    return `${measured}${statistic} (${item.detector}).`;
  });
}
