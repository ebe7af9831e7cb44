import type { BacktestReport, KindFigures } from './backtest.ts';

const fixed = (value: number | null | undefined, digits: number) => (value === null || value === undefined ? '—' : value.toFixed(digits));

/** Rows of cells → lines, the first column left-aligned and the others right-aligned. */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

function kindRow(figures: KindFigures): string[] {
  return [
    figures.kind,
    String(figures.openings),
    String(figures.alertedCustomers),
    String(figures.truePositives),
    String(figures.falsePositives),
    fixed(figures.precision, 3),
    fixed(figures.recall, 3),
    fixed(figures.leadDays?.p25, 1),
    fixed(figures.leadDays?.median, 1),
    fixed(figures.leadDays?.p75, 1),
    fixed(figures.alertsPerAlertedCustomerMonth, 3),
    fixed(figures.alertsPerCustomerMonth, 4),
  ];
}

/** The backtest as a terminal table, with its definitions in one line each. */
export function formatBacktestTable(report: BacktestReport, title = 'backtest'): string {
  const header = ['kind', 'alerts', 'alerted', 'TP', 'FP', 'precision', 'recall', 'lead p25', 'median', 'p75', 'per alerted/mo', 'per cust/mo'];
  const reasons = Object.entries(report.overall.recallByReason);
  const lines = [
    `${title}: ${report.customers} customers, ${report.churnedCustomers} churned (churn rate ${fixed(report.churnRate, 3)}); history ${report.history.from.slice(0, 10)} … ${report.history.to.slice(0, 10)} (${report.history.months.toFixed(1)} months)`,
    `true positive: a churned customer with an alert opened ${report.window.minLeadDays}–${report.window.maxLeadDays} days before its churn date; lead time in days from the first such alert`,
    '',
    ...alignColumns([header, ...report.kinds.map(kindRow), kindRow(report.overall)]),
  ];
  if (report.informational.length > 0) {
    lines.push('', 'informational (not predictions; left out of precision, recall and overall):');
    lines.push(
      ...alignColumns([
        ['kind', 'alerts', 'alerted', 'per alerted/mo', 'per cust/mo'],
        ...report.informational.map((row) => [
          row.kind,
          String(row.openings),
          String(row.alertedCustomers),
          fixed(row.alertsPerAlertedCustomerMonth, 3),
          fixed(row.alertsPerCustomerMonth, 4),
        ]),
      ]).map((line) => `  ${line}`),
    );
  }
  if (reasons.length > 0) {
    lines.push('', 'overall recall by churn reason:');
    lines.push(
      ...alignColumns([
        ['reason', 'churned', 'caught', 'recall'],
        ...reasons.map(([reason, r]) => [reason, String(r.churned), String(r.caught), fixed(r.recall, 3)]),
      ]).map((line) => `  ${line}`),
    );
  }
  for (const figures of report.kinds.filter((row) => row.delayMeanGaps !== null)) {
    const delay = figures.delayMeanGaps!;
    const byReason = Object.entries(figures.recallByReason)
      .filter(([, r]) => r.caught > 0)
      .map(([reason, r]) => `${reason} ${fixed(r.recall, 3)} (${r.caught} of ${r.churned})`)
      .join(', ');
    lines.push(
      '',
      `${figures.kind}: precision ${fixed(figures.precision, 3)}; recall by churn reason: ${byReason}; detection delay after the last purchase, in the customer's own mean gaps: p25 ${fixed(delay.p25, 2)}, median ${fixed(delay.median, 2)}, p75 ${fixed(delay.p75, 2)}`,
    );
  }
  const { missed, falsePositiveCauses: causes } = report.overall;
  lines.push(
    '',
    `missed churners (overall): ${missed.notAlerted} never alerted, ${missed.onlyBeforeWindow} alerted only earlier than the window, ${missed.onlyTooLate} only too late`,
  );
  if (causes !== null) {
    lines.push(
      `false positives (overall): ${causes.falseAlarms} false alarms (no problem on record), ${causes.stayedWithProblem} stayed despite a problem (alerted after it started), ${causes.churnedOutsideWindow} churned but alerted outside the window`,
    );
  }
  if (report.openingsOutsideOutcomes > 0) lines.push(`${report.openingsOutsideOutcomes} alerts of customers missing from the outcomes were left out`);
  return lines.join('\n');
}
