// Heap and changelog bytes per customer of one detection processor's state, in this process and
// without a broker: the state benchmark's real state (the generator's history through every
// detection processor) repeated for N customers, encoded as changelog entries, then decoded as a
// restore does while the heap is watched. Run with --expose-gc:
//   node --expose-gc packages/bench/src/state/state-size-cli.ts [processor] [customers]
// (defaults: risk-scorer, 20000). Each entry carries its state and timers, no duplicate window.
import { decodeChangelogEntry, encodeChangelogEntry } from '@churnwatch/stream-runtime';
import { BenchError } from '../errors.ts';
import { buildTemplateEntries, entryFor, stateHistoryDays } from './template-state.ts';

const templateCustomers = 300;
const [processor = 'risk-scorer', customersText = '20000'] = process.argv.slice(2);
const customers = Number(customersText);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined || !Number.isInteger(customers) || customers < 1) {
  throw new BenchError('BENCH_USAGE', 'usage: node --expose-gc state-size-cli.ts [processor] [customers]');
}
const collect = gc;

/** The heap after full collections; large garbage is freed by the sweeper after gc() returns, so wait for it. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 5; i++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

function changelogValues(): string[] {
  const templates = buildTemplateEntries(templateCustomers).filter((entry) => entry.processor === processor);
  if (templates.length === 0) throw new BenchError('BENCH_USAGE', `no state of a processor named ${JSON.stringify(processor)}`);
  return Array.from({ length: customers }, (_, i) => {
    const { state, timers } = entryFor(templates[i % templates.length]!, `cust-${String(i).padStart(7, '0')}`);
    return encodeChangelogEntry({ state, timers: [...timers], recentEventHashes: [] })!;
  });
}

const values = changelogValues();
const changelogBytes = values.reduce((total, value) => total + Buffer.byteLength(value), 0);
const store = new Map<number, unknown>();
const before = await settledHeap();
const started = performance.now();
for (const [i, value] of values.entries()) store.set(i, decodeChangelogEntry(value));
const decodeMs = performance.now() - started;
const after = await settledHeap();
process.stdout.write(
  `${JSON.stringify({
    processor,
    customers: store.size,
    historyDays: stateHistoryDays,
    heapBytesPerCustomer: Math.round((after - before) / store.size),
    changelogBytesPerCustomer: Math.round(changelogBytes / values.length),
    decodeMs: Math.round(decodeMs),
  })}\n`,
);
