import type { PartitionRun } from './partition-run.ts';
import type { RuntimeContext } from './runtime-context.ts';

/**
 * Table inputs (CRM profiles and the like) are read up to their end before the stream inputs of
 * the same partition start. Without this, an instance that starts (or takes over a partition) with
 * both topics in the log reads them in whatever order the fetches come back, and an alert about a
 * usage event can go out before the customer's profile is known: no owner, the default segment.
 *
 * At initialisation the end offset of each table input's partition is taken; the partition's
 * stream inputs are paused until the table records before that offset are processed (or until
 * `tableCatchUpMaxMs`, after which they start anyway with a warning: a table partition that cannot
 * be read must not stop the stream). Rows that arrive later are applied as they come, as before.
 */
export async function beginTableCatchUp<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>): Promise<void> {
  run.tablesBehind.clear();
  for (const topic of ctx.tableTopics) {
    const range = (await ctx.admin!.fetchTopicOffsets(topic)).find((p) => p.partition === run.partition);
    const start = BigInt(run.startOffsets.get(topic) ?? range?.low ?? '0');
    const end = BigInt(range?.high ?? '0');
    if (start < end) run.tablesBehind.set(topic, end);
  }
  if (!run.tablesBehind.size) return;
  run.tablesDeadlineMs = performance.now() + ctx.tuning.tableCatchUpMaxMs;
  ctx.consumer?.pause(ctx.streamTopics.map((topic) => ({ topic, partitions: [run.partition] })));
  ctx.logger.info(
    { partition: run.partition, tables: Object.fromEntries([...run.tablesBehind].map(([topic, end]) => [topic, end.toString()])) },
    'reading table inputs to their end before stream inputs',
  );
}

/** True while records of `topic` (a stream input) must wait for the partition's table inputs. */
export function waitsForTables<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>, topic: string): boolean {
  return run.tablesBehind.size > 0 && !ctx.tableTopics.has(topic);
}

/** A table input of the partition was read up to `nextOffset` (exclusive). */
export function advanceTableCatchUp<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>, topic: string, nextOffset: bigint): void {
  const end = run.tablesBehind.get(topic);
  if (end === undefined || nextOffset < end) return;
  run.tablesBehind.delete(topic);
  if (run.tablesBehind.size) return;
  release(ctx, run);
  ctx.logger.info({ partition: run.partition }, 'table inputs read; stream inputs start');
}

/** Every wall-clock check: catch-ups past their deadline let the stream inputs go. */
export function expireTableCatchUps<S>(ctx: RuntimeContext<S>): void {
  const now = performance.now();
  for (const run of ctx.runs.values()) {
    if (!run.tablesBehind.size || now < run.tablesDeadlineMs) continue;
    const behind = [...run.tablesBehind.keys()];
    run.tablesBehind.clear();
    release(ctx, run);
    ctx.logger.warn(
      { partition: run.partition, tables: behind },
      `table inputs not read to their end within ${ctx.tuning.tableCatchUpMaxMs} ms; stream inputs start anyway`,
    );
  }
}

function release<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>): void {
  if (run.revoked || run.status === 'failed') return;
  ctx.consumer?.resume(ctx.streamTopics.map((topic) => ({ topic, partitions: [run.partition] })));
}
