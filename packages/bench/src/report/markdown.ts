import { type BenchResults, formatValue } from './results.ts';

const cell = (text: string) => text.replaceAll('|', '\\|');

/** results.md: the machine, the ratios against their targets, every figure, and what was not run. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, config } = results;
  const lines = [
    `# churnwatch benchmark, ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC${config.quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB (${machine.freeMemoryGiB} GiB free, load ${machine.loadAverage} at the start), Linux ${machine.kernel}; Node ${machine.node}; ${machine.java}; Kafka ${machine.kafka} (one local broker). Run took ${Math.round(results.elapsedSeconds)} s.`,
    '',
    `Throughput topic: ${config.records.toLocaleString('en-US')} records, ${config.customers.toLocaleString('en-US')} customers, ${config.partitions} partitions.`,
    '',
    '## Ratios against the targets',
    '',
    '| figure | value | target | met |',
    '| --- | ---: | --- | --- |',
    ...results.ratios.map(
      (ratio) =>
        `| ${cell(ratio.label)} | ${ratio.value === null ? 'not measured' : ratio.value.toFixed(ratio.value >= 100 ? 0 : 2)} | ${ratio.target} | ${ratio.met === null ? '–' : ratio.met ? 'yes' : 'no'} |`,
    ),
    '',
    '## Figures',
    '',
    '| group | measurement | value | note |',
    '| --- | --- | ---: | --- |',
    ...results.rows.map((row) => `| ${row.group} | ${cell(row.label)} | ${formatValue(row.value, row.unit)} | ${cell(row.note ?? '')} |`),
    '',
  ];
  if (results.skipped.length > 0) {
    lines.push('## Not run', '', ...results.skipped.map((item) => `- ${item.what}: ${item.why}`), '');
  }
  return `${lines.join('\n')}\n`;
}
