import { execFile } from 'node:child_process';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseDetectionConfig } from '@churnwatch/detection';
import { detectionProcessorList } from '@churnwatch/replay';
import { changelogTopicName, encodeChangelogEntry, eventIdHash } from '@churnwatch/stream-runtime';
import { BenchError } from '../errors.ts';
import { createTopic, produce } from '../kafka/topics.ts';
import { bindingTopics } from '../state/restore-topics.ts';
import { buildTemplateEntries, entryFor, stateHistoryDays, type TemplateEntry } from '../state/template-state.ts';
import type { BenchContext } from './context.ts';

const run = promisify(execFile);
const childPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'state', 'restore-child.ts');

/** Customers the real state is taken from; larger counts repeat their entries under new ids. */
const templateCustomers = 300;
/** The runtime's duplicate-id window per key (16 ids): each entry carries a full one, as after 90 days of usage. */
const recentIdsPerEntry = 16;

/**
 * The restoring process's heap limit: three quarters of the machine's memory. V8's default (about
 * 4 GiB) holds some 500,000 customers of today's state; a million would end the measurement in an
 * out-of-memory crash instead of a figure.
 */
const restoreHeapMiB = () => Math.floor((totalmem() * 0.75) / 1024 / 1024);

const customerId = (i: number) => `cust-${String(i).padStart(7, '0')}`;

interface RestoreMeasure {
  readonly seconds: number;
  readonly heapBytes: number;
  readonly rssBytes: number;
}

/** Runs restore-child.ts for every processor, or only `processor`, and reads its figures. */
async function restoreInChild(bootstrap: string, prefix: string, customers: number, processor?: string): Promise<RestoreMeasure> {
  const args = ['--expose-gc', `--max-old-space-size=${restoreHeapMiB()}`, childPath, bootstrap, prefix, ...(processor ? [processor] : [])];
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20, timeout: 3_600_000 }));
  } catch (error) {
    throw new BenchError(
      'BENCH_RESTORE_FAILED',
      `the restore process failed: ${(error as { stderr?: string }).stderr ?? error}`,
      { customers, processor },
      error,
    );
  }
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as RestoreMeasure;
}

/**
 * Heap and RSS per customer of the detection state, and the time to restore it: the real state of
 * every detection processor after 90 days of the generator's history is written to the changelogs
 * for N customers, then a fresh process restores them all (one runtime per processor, as the
 * services do) and reports what its heap and RSS grew by; then one process per processor restores
 * its own, all at once, as the services do after a restart of the whole pipeline.
 */
export async function runStateFootprint(context: BenchContext): Promise<void> {
  const { config, kafka, bootstrap, log, say } = context;
  say(`  building real state: ${templateCustomers} generated customers × ${stateHistoryDays} d through every detection processor`);
  const templates = buildTemplateEntries(templateCustomers);
  const byProcessor = new Map<string, TemplateEntry[]>();
  for (const entry of templates) byProcessor.set(entry.processor, [...(byProcessor.get(entry.processor) ?? []), entry]);
  const processors = detectionProcessorList(parseDetectionConfig({}, 'the default detection configuration'));
  for (const customers of config.stateCustomers) {
    const prefix = `bench-state-${customers}-${process.pid}-${Date.now()}`;
    let changelogBytes = 0;
    for (const processor of processors) {
      const topics = bindingTopics(prefix, processor);
      for (const [, topic] of [...topics.inputs, ...topics.outputs]) await createTopic(kafka, topic, config.partitions);
      await createTopic(kafka, topics.deadLetters, config.partitions);
      const changelog = changelogTopicName(`${prefix}-${processor.name}`, processor.name);
      await createTopic(kafka, changelog, config.partitions, true);
      const entries = byProcessor.get(processor.name) ?? [];
      if (entries.length === 0) continue;
      say(`  ${customers.toLocaleString('en-US')} customers: writing the ${processor.name} changelog`);
      await produce(kafka, changelog, customers, (i) => {
        const id = customerId(i);
        const { state, timers } = entryFor(entries[i % entries.length]!, id);
        const value = encodeChangelogEntry({
          state,
          timers: [...timers],
          recentEventHashes: Array.from({ length: recentIdsPerEntry }, (_, k) => eventIdHash(`use-${id}-2025-03-${String(k + 1).padStart(2, '0')}-sessions`)),
        })!;
        changelogBytes += value.length;
        return { key: id, value };
      });
    }
    say(`  ${customers.toLocaleString('en-US')} customers: restoring in a fresh process`);
    const measured = await restoreInChild(bootstrap, prefix, customers);
    // After a restart of the whole pipeline every service restores its own state at the same
    // time, each in its own process: the time until the last one is ready.
    say(`  ${customers.toLocaleString('en-US')} customers: restoring in one process per processor, all at once`);
    const apart = await Promise.all(processors.map((processor) => restoreInChild(bootstrap, prefix, customers, processor.name)));
    const slowest = apart.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    const group = 'state';
    const note = `${processors.length} processors, ${(changelogBytes / customers).toFixed(0)} changelog bytes per customer`;
    log.add({
      id: `state.${customers}.heap-per-customer`,
      group,
      label: `heap per customer, ${customers.toLocaleString('en-US')} customers, ${stateHistoryDays} d of usage`,
      value: measured.heapBytes / customers,
      unit: 'bytes',
      note,
    });
    log.add({
      id: `state.${customers}.rss-per-customer`,
      group,
      label: `RSS per customer, ${customers.toLocaleString('en-US')} customers, ${stateHistoryDays} d of usage`,
      value: measured.rssBytes / customers,
      unit: 'bytes',
    });
    log.add({
      id: `state.${customers}.restore-seconds`,
      group: 'restore',
      label: `restore from the changelogs, ${customers.toLocaleString('en-US')} customers, one process`,
      value: measured.seconds,
      unit: 's',
    });
    log.add({
      id: `state.${customers}.restore-seconds-per-service`,
      group: 'restore',
      label: `restore from the changelogs, ${customers.toLocaleString('en-US')} customers, a process per service at once`,
      value: slowest.seconds,
      unit: 's',
      note: apart.map((child, i) => `${processors[i]!.name} ${child.seconds.toFixed(1)} s`).join(', '),
    });
  }
}
