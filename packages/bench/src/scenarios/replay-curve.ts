import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { estimatedEvents, type StreamShape, writeHistoryFile } from '../replay/history-files.ts';
import { parseAndValidateRate, replayRate } from '../replay/replay-rate.ts';
import type { BenchContext } from './context.ts';

const shapeLabel: Readonly<Record<StreamShape, string>> = { generated: "generator's stream", daily: 'daily aggregates' };

/**
 * The replay's cost curve: for each stream shape and each customers × days point, the replay's
 * events/s beside parse + validation alone on the same file (the floor). No broker. Points with
 * more events than the budget are listed as skipped.
 */
export async function runReplayCurve(context: BenchContext): Promise<void> {
  const { config, log, say, workDir } = context;
  for (const shape of ['generated', 'daily'] as const) {
    for (const customers of config.replayCustomers) {
      for (const days of config.replayDays) {
        const point = `${customers}x${days}`;
        const estimate = estimatedEvents(shape, customers, days);
        if (estimate > config.replayMaxEvents) {
          log.skip(
            `replay ${shapeLabel[shape]} ${customers} customers × ${days} d`,
            `about ${estimate.toLocaleString('en-US')} events, over --replay-max-events ${config.replayMaxEvents.toLocaleString('en-US')}`,
          );
          continue;
        }
        const path = join(workDir, `${shape}-${point}.jsonl`);
        const lines = await writeHistoryFile(path, shape, customers, days);
        say(`  ${shapeLabel[shape]}, ${customers} customers × ${days} d: ${lines.toLocaleString('en-US')} events`);
        try {
          const floor = await parseAndValidateRate(path);
          const replayed = await replayRate(path);
          const note = `${replayed.events.toLocaleString('en-US')} events`;
          log.add({
            id: `floor.${shape}.${point}`,
            group: 'replay',
            label: `parse + validate, ${shapeLabel[shape]}, ${customers} cust × ${days} d`,
            value: floor.events / floor.seconds,
            unit: 'events/s',
            note,
          });
          log.add({
            id: `replay.${shape}.${point}`,
            group: 'replay',
            label: `replay, ${shapeLabel[shape]}, ${customers} cust × ${days} d`,
            value: replayed.events / replayed.seconds,
            unit: 'events/s',
            note,
          });
        } finally {
          await rm(path, { force: true });
        }
      }
    }
  }
}
