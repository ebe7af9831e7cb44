import type { BacktestReport, KindFigures } from './backtest.ts';

const WIDTH = 960;
const LEFT = 190;
const RIGHT = 40;
const ROW = 34;
const PLOT = WIDTH - LEFT - RIGHT;
const COLORS = { precision: '#2f6db5', recall: '#e07b39', box: '#8fb8de', median: '#1d3f6e', dot: '#1d3f6e' };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (value: number) => Number(value.toFixed(2)).toString();

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${num(x)}" y="${num(y)}" ${attributes}>${escapeXml(content)}</text>`;
}

function axis(top: number, height: number, ticks: readonly number[], toX: (value: number) => number, label: (value: number) => string): string[] {
  return ticks.flatMap((tick) => [
    `<line x1="${num(toX(tick))}" y1="${top}" x2="${num(toX(tick))}" y2="${top + height}" stroke="#ddd"/>`,
    text(toX(tick), top + height + 14, label(tick), 'text-anchor="middle" font-size="11" fill="#555"'),
  ]);
}

/** Precision and recall per kind as paired horizontal bars on 0–1. */
function qualityPanel(rows: readonly KindFigures[], top: number): string[] {
  const height = rows.length * ROW;
  const toX = (value: number) => LEFT + value * PLOT;
  const parts = [
    text(LEFT, top - 26, 'Precision and recall per alert kind', 'font-size="15" font-weight="bold"'),
    `<rect x="${LEFT + PLOT - 190}" y="${top - 38}" width="12" height="12" fill="${COLORS.precision}"/>`,
    text(LEFT + PLOT - 173, top - 28, 'precision', 'font-size="12"'),
    `<rect x="${LEFT + PLOT - 100}" y="${top - 38}" width="12" height="12" fill="${COLORS.recall}"/>`,
    text(LEFT + PLOT - 83, top - 28, 'recall', 'font-size="12"'),
    ...axis(top, height, [0, 0.2, 0.4, 0.6, 0.8, 1], toX, (value) => value.toFixed(1)),
  ];
  rows.forEach((row, i) => {
    const y = top + i * ROW;
    parts.push(text(LEFT - 10, y + ROW / 2 + 4, row.kind, 'text-anchor="end" font-size="12"'));
    for (const [index, metric] of (['precision', 'recall'] as const).entries()) {
      const value = row[metric];
      const barY = y + 5 + index * 12;
      if (value === null) {
        parts.push(text(LEFT + 4, barY + 10, 'n/a', 'font-size="10" fill="#888"'));
        continue;
      }
      parts.push(`<rect x="${LEFT}" y="${barY}" width="${num(value * PLOT)}" height="11" fill="${COLORS[metric]}"/>`);
      parts.push(text(toX(value) + 4, barY + 10, value.toFixed(2), 'font-size="10" fill="#333"'));
    }
  });
  return parts;
}

/** Lead time per kind: the p25–p75 box, the median, whiskers to the extremes and every true positive as a tick. */
function leadPanel(rows: readonly KindFigures[], top: number, maxLeadDays: number): string[] {
  const height = rows.length * ROW;
  const toX = (days: number) => LEFT + (Math.min(Math.max(days, 0), maxLeadDays) / maxLeadDays) * PLOT;
  const step = maxLeadDays <= 60 ? 10 : maxLeadDays <= 180 ? 20 : 50;
  const ticks = Array.from({ length: Math.floor(maxLeadDays / step) + 1 }, (_, i) => i * step);
  const parts = [
    text(LEFT, top - 26, 'Lead time: days from the first alert to churn (true positives)', 'font-size="15" font-weight="bold"'),
    ...axis(top, height, ticks, toX, (value) => String(value)),
    text(LEFT + PLOT / 2, top + height + 30, 'days before churn', 'text-anchor="middle" font-size="11" fill="#555"'),
  ];
  rows.forEach((row, i) => {
    const middle = top + i * ROW + ROW / 2;
    parts.push(text(LEFT - 10, middle + 4, `${row.kind} (n=${row.truePositives})`, 'text-anchor="end" font-size="12"'));
    const q = row.leadDays;
    if (q === null) return;
    const lowest = row.leadDaysSorted[0]!;
    const highest = row.leadDaysSorted[row.leadDaysSorted.length - 1]!;
    parts.push(`<line x1="${num(toX(lowest))}" y1="${middle}" x2="${num(toX(highest))}" y2="${middle}" stroke="#777"/>`);
    parts.push(
      `<rect x="${num(toX(q.p25))}" y="${middle - 9}" width="${num(Math.max(toX(q.p75) - toX(q.p25), 1))}" height="18" fill="${COLORS.box}" stroke="#557"/>`,
    );
    for (const days of row.leadDaysSorted)
      parts.push(`<line x1="${num(toX(days))}" y1="${middle - 4}" x2="${num(toX(days))}" y2="${middle + 4}" stroke="${COLORS.dot}" stroke-opacity="0.5"/>`);
    parts.push(
      `<line x1="${num(toX(q.median))}" y1="${middle - 11}" x2="${num(toX(q.median))}" y2="${middle + 11}" stroke="${COLORS.median}" stroke-width="3"/>`,
    );
  });
  return parts;
}

/** The backtest as an SVG image: precision and recall bars, then lead-time distributions, per kind and overall. */
export function renderBacktestSvg(report: BacktestReport, title = 'churnwatch backtest'): string {
  const rows = [...report.kinds, report.overall];
  const qualityTop = 110;
  const leadTop = qualityTop + rows.length * ROW + 90;
  const height = leadTop + rows.length * ROW + 50;
  const subtitle = `${report.customers} customers, ${report.churnedCustomers} churned; ${report.history.from.slice(0, 10)} … ${report.history.to.slice(0, 10)}; window ${report.window.minLeadDays}–${report.window.maxLeadDays} days before churn`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    // Read out by screen readers and shown as the tooltip: the chart's title and what it covers.
    `<title>${escapeXml(`${title}: ${subtitle}`)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    text(20, 30, title, 'font-size="18" font-weight="bold"'),
    text(20, 52, subtitle, 'font-size="12" fill="#444"'),
    ...qualityPanel(rows, qualityTop),
    ...leadPanel(rows, leadTop, report.window.maxLeadDays),
    '</svg>',
    '',
  ].join('\n');
}
