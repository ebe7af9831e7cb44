import { parseDetectionConfig } from '@churnwatch/detection';
import { decodeEventLine, detectionProcessorList } from '@churnwatch/replay';
import type { StoredTimer } from '@churnwatch/stream-runtime';
import { createLocalTopology } from '@churnwatch/stream-runtime';
import { BenchError } from '../errors.ts';
import { generatedLines, historyStartDate } from '../replay/history-files.ts';

/** One customer's stored entry in one processor, as the changelog holds it. */
export interface TemplateEntry {
  readonly processor: string;
  readonly customerId: string;
  readonly state: unknown;
  readonly timers: readonly StoredTimer[];
}

export const stateHistoryDays = 90;
/** When the template's history ends: the wall-clock time at which a service would hold that state. */
export const stateHistoryEndMs = Date.parse(`${historyStartDate}T00:00:00Z`) + stateHistoryDays * 86_400_000;

/**
 * Real detection state: the generator's stream for `customers` customers and 90 days, run through
 * every detection processor in memory; returns each processor's entry for each customer (the
 * KPI aggregator's, keyed by segment, are left out: they do not grow with customers).
 */
export function buildTemplateEntries(customers: number): TemplateEntry[] {
  const processors = detectionProcessorList(parseDetectionConfig({}, 'the default detection configuration'));
  const topology = createLocalTopology({ processors, partitions: 1 });
  const ids = new Set<string>();
  let lastMs = 0;
  for (const line of generatedLines(customers, stateHistoryDays)) {
    const decoded = decodeEventLine(line);
    if (!decoded.ok) throw new BenchError('BENCH_TEMPLATE_REJECT', `a generated line does not validate: ${decoded.message}`);
    ids.add(decoded.record.key);
    lastMs = Math.max(lastMs, decoded.record.eventTimeMs);
    topology.advanceStreamTime(lastMs);
    topology.push(decoded.record);
    // The local topology keeps every output for tests; drop them so memory holds state only.
    (topology.outputs as unknown[]).length = 0;
  }
  topology.advanceStreamTime(lastMs);
  const entries: TemplateEntry[] = [];
  for (const processor of processors) {
    for (const customerId of ids) {
      const state = topology.state(processor.name, customerId);
      if (state !== undefined) entries.push({ processor: processor.name, customerId, state, timers: topology.timers(processor.name, customerId) });
    }
  }
  return entries;
}

/** The template entry for another customer id: every occurrence of the template's id in the state is replaced. */
export function entryFor(template: TemplateEntry, customerId: string): { state: unknown; timers: readonly StoredTimer[] } {
  const text = JSON.stringify(template.state).replaceAll(template.customerId, customerId);
  return { state: JSON.parse(text), timers: template.timers };
}
