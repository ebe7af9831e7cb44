import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real CDNOW sample and its published summary, kept beside the tests (see data/cdnow/README.md). */
export const cdnowDirectory = join(dirname(fileURLToPath(import.meta.url)), 'data', 'cdnow');

export function readCdnowFile(name: 'CDNOW_sample.txt' | 'cdnow_customers_summary.csv'): string {
  return readFileSync(join(cdnowDirectory, name), 'utf8');
}

/** The published per-customer summary: ID,frequency,recency,T (weeks, two decimals). */
export function readPublishedSummary(): Map<string, { frequency: number; recency: number; age: number }> {
  const [header, ...lines] = readCdnowFile('cdnow_customers_summary.csv').trim().split(/\r?\n/);
  if (header !== 'ID,frequency,recency,T') throw new Error(`unexpected header in cdnow_customers_summary.csv: ${header}`);
  return new Map(
    lines.map((line) => {
      const [id, frequency, recency, age] = line.split(',').map(Number);
      return [String(id), { frequency: frequency!, recency: recency!, age: age! }];
    }),
  );
}
