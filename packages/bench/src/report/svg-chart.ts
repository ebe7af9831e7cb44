import { type BenchResults, formatValue, type ResultRow } from './results.ts';

const width = 960;
const labelWidth = 420;
const valueWidth = 150;
const barHeight = 18;
const gap = 6;
const palette: Readonly<Record<string, string>> = { throughput: '#4c78a8', pipeline: '#72b7b2', replay: '#f58518', latency: '#e45756', state: '#54a24b' };

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** One panel per group and unit: horizontal bars scaled to the panel's largest value. */
function panels(rows: readonly ResultRow[]): { title: string; group: string; rows: ResultRow[] }[] {
  const byKey = new Map<string, { title: string; group: string; rows: ResultRow[] }>();
  for (const row of rows) {
    const key = `${row.group} · ${row.unit}`;
    const panel = byKey.get(key) ?? { title: key, group: row.group, rows: [] };
    panel.rows.push(row);
    byKey.set(key, panel);
  }
  return [...byKey.values()];
}

/** chart.svg: every figure of the run as bars, grouped, with the machine in the title. A plain SVG, no fonts or scripts to fetch. */
export function renderSvgChart(results: BenchResults): string {
  const parts: string[] = [];
  let y = 50;
  for (const panel of panels(results.rows)) {
    parts.push(`<text x="10" y="${y}" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`);
    y += 10;
    const max = Math.max(...panel.rows.map((row) => row.value), Number.MIN_VALUE);
    for (const row of panel.rows) {
      const length = Math.max(1, ((width - labelWidth - valueWidth - 20) * row.value) / max);
      parts.push(
        `<text x="${labelWidth - 6}" y="${y + barHeight - 5}" font-size="11" text-anchor="end">${escapeXml(row.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${length.toFixed(1)}" height="${barHeight}" fill="${palette[panel.group] ?? '#888'}"/>`,
        `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + barHeight - 5}" font-size="11">${escapeXml(formatValue(row.value, row.unit))}</text>`,
      );
      y += barHeight + gap;
    }
    y += 24;
  }
  const { machine } = results;
  const title = `churnwatch bench ${results.startedAt.slice(0, 10)}${results.config.quick ? ' (quick)' : ''}: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, Kafka ${machine.kafka}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
