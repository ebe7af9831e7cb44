import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderMarkdown } from './markdown.ts';
import type { BenchResults } from './results.ts';
import { renderSvgChart } from './svg-chart.ts';

export const resultFiles = { json: 'results.json', markdown: 'results.md', chart: 'chart.svg' } as const;

/** Writes results.json, results.md and chart.svg into `outDir` (created); returns their paths. */
export async function writeResults(outDir: string, results: BenchResults): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    [resultFiles.json, `${JSON.stringify(results, null, 2)}\n`],
    [resultFiles.markdown, renderMarkdown(results)],
    [resultFiles.chart, renderSvgChart(results)],
  ];
  for (const [name, text] of files) await writeFile(join(outDir, name), text);
  return files.map(([name]) => join(outDir, name));
}
