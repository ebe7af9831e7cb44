import { parseArgs } from 'node:util';
import { ReplayUsageError } from '../errors.ts';
import { type HistoryShape, historyShapes, writeBenchHistory } from './bench-history.ts';

const help = `usage: node packages/replay/src/bench/write-history-cli.ts --out <file> [options]

Writes the seeded history the replay benchmark measures, to replay or profile it by hand
(for example ./churnwatch replay <file> --config <file with {"usageMetric":"sessions"}>).

  --shape generated|daily  the simulator's stream, or one usage event per customer and day (default daily)
  --customers <n>          default 1000
  --days <n>               default 365
  --seed <n>               default 42
`;

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      out: { type: 'string' },
      shape: { type: 'string', default: 'daily' },
      customers: { type: 'string', default: '1000' },
      days: { type: 'string', default: '365' },
      seed: { type: 'string', default: '42' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(help);
    return;
  }
  if (values.out === undefined) throw new ReplayUsageError('--out: give the file to write');
  if (!(historyShapes as readonly string[]).includes(values.shape))
    throw new ReplayUsageError(`--shape: expected ${historyShapes.join(' or ')}, got ${JSON.stringify(values.shape)}`);
  const whole = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new ReplayUsageError(`--${name}: expected a whole number >= 1, got ${JSON.stringify(text)}`);
    return value;
  };
  const history = {
    shape: values.shape as HistoryShape,
    customers: whole('customers', values.customers),
    days: whole('days', values.days),
    seed: whole('seed', values.seed),
  };
  const events = await writeBenchHistory(history, values.out);
  process.stderr.write(`wrote ${events} events to ${values.out}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`write-history: ${(error as Error).message}\n`);
  process.exitCode = error instanceof ReplayUsageError ? 2 : 1;
});
