import { describe, expect, it } from 'vitest';
import { computeBacktest } from './backtest.ts';
import { renderBacktestSvg } from './report-chart.ts';
import { alignColumns, formatBacktestTable } from './report-table.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const report = computeBacktest(
  [
    { customerId: 'a', kind: 'usage_stopped', atMs: day('2025-05-01') },
    { customerId: 'b', kind: 'usage_stopped', atMs: day('2025-05-20') },
    { customerId: 'c', kind: 'renewal_upcoming', atMs: day('2025-05-20') },
  ],
  [
    { customerId: 'a', churnMs: day('2025-06-01'), churnReason: 'inactivity' },
    { customerId: 'b', churnMs: day('2025-06-01'), churnReason: 'inactivity' },
    { customerId: 'c', churnMs: null, churnReason: null },
  ],
  { minLeadDays: 0, maxLeadDays: 120, historyStartMs: day('2025-01-01'), historyEndMs: day('2026-01-01'), informationalKinds: ['renewal_upcoming'] },
);

describe('backtest table', () => {
  it('aligns columns: the first left, the others right', () => {
    expect(
      alignColumns([
        ['kind', 'n'],
        ['usage_stopped', '12'],
        ['x', '3'],
      ]),
    ).toEqual(['kind            n', 'usage_stopped  12', 'x               3']);
  });

  it('shows every kind, the overall row, the notices and the recall by reason', () => {
    // Lead times 31 and 12 days: p25 16.75, median 21.5, p75 26.25.
    const table = formatBacktestTable(report, 'test');
    const row = (name: string) => table.split('\n').find((line) => line.startsWith(`${name} `))!;
    expect(row('usage_stopped').split(/\s+/)).toEqual(['usage_stopped', '2', '2', '2', '0', '1.000', '1.000', '16.8', '21.5', '26.3', '0.083', '0.0556']);
    expect(row('complaint_escalation')).toContain('—');
    expect(row('overall')).toBeDefined();
    expect(table).toMatch(/renewal_upcoming\s+1\s+1/);
    expect(table).toMatch(/inactivity\s+2\s+2\s+1\.000/);
    expect(table).not.toMatch(/^renewal_upcoming/m);
    expect(table).not.toContain('mean gaps');
  });

  it('adds the purchase-lapse line: precision, recall by reason and detection delay in mean gaps', () => {
    const lapses = computeBacktest(
      [{ customerId: 'a', kind: 'purchase_lapse', atMs: day('2025-05-01'), meanGapsSinceLastPurchase: 1.8 }],
      [
        { customerId: 'a', churnMs: day('2025-06-01'), churnReason: 'lapsed' },
        { customerId: 'b', churnMs: day('2025-06-01'), churnReason: 'lapsed' },
      ],
      { minLeadDays: 0, maxLeadDays: 120, historyStartMs: day('2025-01-01'), historyEndMs: day('2026-01-01'), informationalKinds: [] },
    );
    expect(formatBacktestTable(lapses)).toContain(
      "purchase_lapse: precision 1.000; recall by churn reason: lapsed 0.500 (1 of 2); detection delay after the last purchase, in the customer's own mean gaps: p25 1.80, median 1.80, p75 1.80",
    );
  });
});

describe('backtest chart', () => {
  const svg = renderBacktestSvg(report, 'a <test> & chart');

  it('is one SVG document with the title escaped', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('a &lt;test&gt; &amp; chart');
    expect(svg).toMatch(/^<svg [^>]*>\n<title>a &lt;test&gt; &amp; chart: \d+ customers, \d+ churned; [^<]*<\/title>/);
  });

  it('draws a precision and a recall bar and a lead-time box for each kind with true positives', () => {
    expect(svg.match(/fill="#2f6db5"\/>/g)).toHaveLength(3); // legend, usage_stopped, overall
    expect(svg.match(/fill="#e07b39"\/>/g)).toHaveLength(1 + 6); // legend and every row (recall is 0 where nobody was caught)
    expect(svg.match(/fill="#8fb8de"/g)).toHaveLength(2); // usage_stopped and overall
    expect(svg).toContain('usage_stopped (n=2)');
  });
});
