/** One instance's memory over the run: seconds since the start, bytes. */
export interface MemorySeries {
  readonly label: string;
  readonly points: readonly { readonly seconds: number; readonly rssBytes: number; readonly heapUsedBytes: number }[];
}

const width = 960;
const panelHeight = 260;
const left = 70;
const right = 200;
const top = 50;
const palette = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#ff9da6', '#9d755d'];

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const mib = (bytes: number) => bytes / 1_048_576;

/** One panel: a polyline per series on shared axes, gridlines with values in MiB and seconds. */
function panel(title: string, series: readonly MemorySeries[], value: (p: MemorySeries['points'][number]) => number, y0: number): string[] {
  const all = series.flatMap((s) => s.points);
  const maxSeconds = Math.max(1, ...all.map((p) => p.seconds));
  const maxMib = Math.max(1, ...all.map((p) => mib(value(p)))) * 1.1;
  const plotWidth = width - left - right;
  const plotHeight = panelHeight - 40;
  const x = (seconds: number) => left + (seconds / maxSeconds) * plotWidth;
  const y = (bytes: number) => y0 + plotHeight - (mib(bytes) / maxMib) * plotHeight;
  const parts = [`<text x="${left}" y="${y0 - 10}" font-size="13" font-weight="bold">${escapeXml(title)}</text>`];
  for (let i = 0; i <= 4; i++) {
    const gy = y0 + plotHeight - (plotHeight * i) / 4;
    parts.push(
      `<line x1="${left}" x2="${left + plotWidth}" y1="${gy.toFixed(1)}" y2="${gy.toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${(gy + 4).toFixed(1)}" font-size="10" text-anchor="end">${((maxMib * i) / 4).toFixed(0)} MiB</text>`,
      `<text x="${x((maxSeconds * i) / 4).toFixed(1)}" y="${y0 + plotHeight + 14}" font-size="10" text-anchor="middle">${((maxSeconds * i) / 4).toFixed(0)} s</text>`,
    );
  }
  series.forEach((s, i) => {
    const colour = palette[i % palette.length];
    const path = s.points.map((p) => `${x(p.seconds).toFixed(1)},${y(value(p)).toFixed(1)}`).join(' ');
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${path}"/>`,
      `<text x="${width - right + 10}" y="${y0 + 14 * (i + 1)}" font-size="11" fill="${colour}">${escapeXml(s.label)}</text>`,
    );
  });
  return parts;
}

/** Pure: RSS and heap used of every instance over time, two panels, as a plain SVG (no fonts or scripts to fetch). */
export function renderMemoryChart(title: string, series: readonly MemorySeries[]): string {
  const height = top + 2 * (panelHeight + 30);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="10" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...panel('resident set size', series, (p) => p.rssBytes, top + 20),
    ...panel('V8 heap used', series, (p) => p.heapUsedBytes, top + 20 + panelHeight + 30),
    '</svg>',
    '',
  ].join('\n');
}
