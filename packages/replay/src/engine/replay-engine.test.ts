import { createHash } from 'node:crypto';
import { topicContracts, validateAgainst } from '@churnwatch/contracts';
import { parseDetectionConfig } from '@churnwatch/detection';
import { Prng } from '@churnwatch/simulator';
import type { LocalRecord } from '@churnwatch/stream-runtime';
import { describe, expect, it } from 'vitest';
import { generatedLines, recordsOf, replayRecords, serialise } from '../../test/generated.ts';
import { detectionProcessorList } from './detection-processors.ts';
import { createReplayEngine } from './replay-engine.ts';

const QUANTUM_MS = 6 * 3_600_000;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

// Long enough for declines, silences, lapses and renewals; light usage keeps it quick.
const lines = generatedLines({ seed: 11, customers: 60, days: 200, startDate: '2025-01-01', usageScale: 0.3 });
const records = recordsOf(lines);

/**
 * The same history with every event time cut to a multiple of six hours, so that many customers share an
 * instant; each record's value is changed to match its new time.
 */
function coarse(source: readonly LocalRecord[]): LocalRecord[] {
  return source.map((record) => {
    const eventTimeMs = Math.floor(record.eventTimeMs / QUANTUM_MS) * QUANTUM_MS;
    const field = record.input === 'customerProfiles' ? 'updatedAt' : 'eventTime';
    return { ...record, eventTimeMs, value: { ...(record.value as object), [field]: new Date(eventTimeMs).toISOString() } };
  });
}

/** Within each instant, customers in a seeded random order; each customer's own records keep their order. */
function shuffleCustomersWithinInstants(source: readonly LocalRecord[], seed: number): LocalRecord[] {
  const random = Prng.create(seed);
  const result: LocalRecord[] = [];
  for (let start = 0; start < source.length; ) {
    let end = start;
    while (end < source.length && source[end]!.eventTimeMs === source[start]!.eventTimeMs) end++;
    const byCustomer = new Map<string, LocalRecord[]>();
    for (const record of source.slice(start, end)) byCustomer.set(record.key, [...(byCustomer.get(record.key) ?? []), record]);
    const groups = [...byCustomer.values()];
    for (let i = groups.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [groups[i], groups[j]] = [groups[j]!, groups[i]!];
    }
    for (const group of groups) result.push(...group);
    start = end;
  }
  return result;
}

describe('replay determinism', { timeout: 60_000 }, () => {
  const once = serialise(replayRecords(records, 1));

  it('produces alerts and health records, each valid against its topic contract', () => {
    const outputs = replayRecords(records, 1);
    const alerts = outputs.filter((output) => output.output === 'alerts');
    expect(alerts.length).toBeGreaterThan(20);
    expect(new Set(alerts.map((alert) => (alert.value as { kind: string }).kind)).size).toBeGreaterThanOrEqual(3);
    expect(outputs.filter((output) => output.output === 'customerHealth').length).toBeGreaterThan(100);
    for (const output of outputs) {
      const contract = output.output === 'alerts' ? topicContracts.alerts : topicContracts.customerHealth;
      const checked = validateAgainst(contract, output.value);
      expect(checked.ok ? '' : checked.message).toBe('');
    }
  });

  it('gives the same bytes when run again', () => {
    expect(sha(serialise(replayRecords(records, 1)))).toBe(sha(once));
  });

  it('gives the same bytes for 1, 3 and 8 partitions', () => {
    expect(sha(serialise(replayRecords(records, 3)))).toBe(sha(once));
    expect(sha(serialise(replayRecords(records, 8)))).toBe(sha(once));
  });

  it('gives the same bytes when customers sharing an instant come in another order, for any partitioning', () => {
    const tied = coarse(records);
    const instants = new Set(tied.map((record) => record.eventTimeMs)).size;
    expect(instants).toBeLessThan(tied.length / 5);
    const reference = sha(serialise(replayRecords(tied, 1)));
    const shuffled = shuffleCustomersWithinInstants(tied, 3);
    expect(shuffled.map((record) => record.eventId)).not.toEqual(tied.map((record) => record.eventId));
    expect(sha(serialise(replayRecords(shuffled, 1)))).toBe(reference);
    expect(sha(serialise(replayRecords(shuffleCustomersWithinInstants(tied, 4), 8)))).toBe(reference);
  });

  it('releases outputs in event-time order, then customer', () => {
    const outputs = replayRecords(records, 3);
    for (let i = 1; i < outputs.length; i++) {
      const [before, after] = [outputs[i - 1]!, outputs[i]!];
      if (before.eventTimeMs === after.eventTimeMs) expect(before.key <= after.key).toBe(true);
    }
    // Steps are released in stream-time order, so event times only fall back for late records.
    expect(outputs.every((output, i) => i === 0 || output.eventTimeMs >= outputs[i - 1]!.eventTimeMs)).toBe(true);
  });
});

describe('replay engine', { timeout: 60_000 }, () => {
  const processors = () => detectionProcessorList(parseDetectionConfig({}));

  it('moves one stream time for all partitions, never backwards, and counts late records', () => {
    const engine = createReplayEngine({ processors: processors(), partitions: 4, outputs: ['alerts'] });
    const [first, second, third] = records.filter((record) => record.input === 'usage');
    engine.feed(second!);
    engine.feed(first!);
    expect(engine.streamTimeMs).toBe(second!.eventTimeMs);
    expect(engine.lateRecords).toBe(first!.eventTimeMs < second!.eventTimeMs ? 1 : 0);
    engine.feed(third!);
    expect(engine.streamTimeMs).toBe(third!.eventTimeMs);
  });

  it('fires timers up to the end it is given: a customer gone silent is caught after the last event', () => {
    const lastMs = records[records.length - 1]!.eventTimeMs;
    const atLastEvent = replayRecords(records, 1);
    const monthLater = replayRecords(records, 1, lastMs + 30 * 86_400_000);
    expect(monthLater.length).toBeGreaterThan(atLastEvent.length);
    expect(serialise(monthLater).startsWith(serialise(atLastEvent.filter((output) => output.eventTimeMs < lastMs)))).toBe(true);
    expect(monthLater.some((output) => output.output === 'alerts' && output.eventTimeMs > lastMs)).toBe(true);
  });

  it('hands back only the outputs asked for', () => {
    const engine = createReplayEngine({ processors: processors(), partitions: 2, outputs: ['customerHealth'] });
    const outputs = records.slice(0, 5000).flatMap((record) => engine.feed(record));
    expect(outputs.length).toBeGreaterThan(0);
    expect(new Set(outputs.map((output) => output.output))).toEqual(new Set(['customerHealth']));
  });
});
