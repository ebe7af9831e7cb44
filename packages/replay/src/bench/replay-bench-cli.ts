import { parseArgs } from 'node:util';
import { ReplayUsageError } from '../errors.ts';
import { type HistoryShape, historyShapes } from './bench-history.ts';
import { measureReplayThroughput, type ReplayThroughput } from './measure-throughput.ts';

const help = `usage: node packages/replay/src/bench/replay-bench-cli.ts [options]

Replay throughput per history shape and size, beside the floor (reading + JSON parsing +
contract validation of the same file). Generates each seeded history into a temporary folder.

  --shapes <list>      generated,daily (default both): the simulator's stream, or one usage
                       event per customer and day
  --customers <list>   customer counts, comma-separated (default 1000)
  --days <list>        history lengths in days, comma-separated (default 30,90,365)
  --seed <n>           simulation seed (default 42)
  --json               print one JSON object per measurement instead of the table
`;

function wholeList(name: string, text: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1))
    throw new ReplayUsageError(`--${name}: expected whole numbers >= 1 separated by commas, got ${JSON.stringify(text)}`);
  return values;
}

function shapeList(text: string): HistoryShape[] {
  const shapes = text.split(',').map((part) => part.trim());
  for (const shape of shapes)
    if (!(historyShapes as readonly string[]).includes(shape))
      throw new ReplayUsageError(`--shapes: unknown shape ${JSON.stringify(shape)} (expected ${historyShapes.join(', ')})`);
  return shapes as HistoryShape[];
}

function row(result: ReplayThroughput): string {
  const cells = [
    result.shape.padEnd(9),
    String(result.customers).padStart(9),
    String(result.days).padStart(5),
    result.events.toLocaleString('en').padStart(11),
    result.parse.eventsPerSecond.toLocaleString('en').padStart(12),
    result.replay.eventsPerSecond.toLocaleString('en').padStart(12),
    `${result.ratio.toFixed(2)}x`.padStart(6),
    String(result.alerts).padStart(7),
  ];
  return cells.join('  ');
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      shapes: { type: 'string', default: historyShapes.join(',') },
      customers: { type: 'string', default: '1000' },
      days: { type: 'string', default: '30,90,365' },
      seed: { type: 'string', default: '42' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(help);
    return;
  }
  const shapes = shapeList(values.shapes);
  const customerCounts = wholeList('customers', values.customers);
  const dayCounts = wholeList('days', values.days);
  const [seed] = wholeList('seed', values.seed);
  if (!values.json) process.stdout.write('shape      customers   days       events  parse ev/s  replay ev/s  ratio  alerts\n');
  for (const shape of shapes) {
    for (const customers of customerCounts) {
      for (const days of dayCounts) {
        const result = await measureReplayThroughput({ shape, customers, days, ...(seed === undefined ? {} : { seed }) });
        process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${row(result)}\n`);
      }
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`replay-bench: ${(error as Error).message}\n`);
  process.exitCode = error instanceof ReplayUsageError ? 2 : 1;
});
