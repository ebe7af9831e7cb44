import { describe, expect, it } from 'vitest';
import { renderMemoryChart } from './memory-chart.ts';

describe('renderMemoryChart', () => {
  const points = [0, 10, 20].map((seconds) => ({ seconds, rssBytes: (100 + seconds) * 1_048_576, heapUsedBytes: 40 * 1_048_576 }));
  const svg = renderMemoryChart('soak <exactly-once>', [
    { label: 'usage-monitor#1', points },
    { label: 'risk-scorer#1', points },
  ]);

  it('is one SVG with a polyline per series and panel, its title escaped', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain('<title>soak &lt;exactly-once&gt;</title>');
    expect(svg).toContain('>usage-monitor#1</text>');
  });

  it('puts the largest value near the top of its panel and time on the x axis', () => {
    const [rssLine] = svg.match(/<polyline[^>]*points="([^"]*)"/) ?? [];
    const ys = [...(rssLine ?? '').matchAll(/,(\d+\.\d)/g)].map((m) => Number(m[1]));
    expect(ys[0]).toBeGreaterThan(ys[2] as number);
    expect(svg).toContain('>20 s</text>');
  });
});
