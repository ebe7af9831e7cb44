import { benchHelp, parseBenchArgs } from '../config.ts';
import { runBench } from '../run-bench.ts';
import type { BenchCommand } from './bench-command.ts';

/** `./churnwatch bench`: exit 0 when every scenario ran, 1 when one failed (its error is in the results), 2 on bad options. */
export const benchCommand: BenchCommand = {
  summary: 'benchmark everything against one local broker; results.json, results.md and chart.svg',
  async run(args) {
    const config = parseBenchArgs(args);
    if (config === null) {
      process.stdout.write(benchHelp);
      return 0;
    }
    const say = (line: string) => process.stdout.write(`${line}\n`);
    const outcome = await runBench(config, say);
    say('\nratios:');
    for (const ratio of outcome.results.ratios)
      say(`  ${ratio.label.padEnd(72)} ${ratio.value === null ? 'not measured' : ratio.value.toFixed(2)}  target ${ratio.target}`);
    say(`\nwrote ${outcome.files.join(', ')}`);
    // The results are written: a client's leftover timer must not keep the command from ending.
    setTimeout(() => process.exit(), 10_000).unref();
    if (outcome.failures.length > 0) {
      process.stderr.write(`failed: ${outcome.failures.join(', ')} (see results.md)\n`);
      return 1;
    }
    return 0;
  },
};
