import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords, type SourceItem } from './record-source.ts';

const DAY_MS = 86_400_000;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'churnwatch-records-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const usageLine = (eventId: string, eventTime: string) =>
  JSON.stringify({ kind: 'usage', schemaVersion: 1, eventId, customerId: 'cust-1', eventTime, metric: 'sessions', quantity: 1 });

async function itemsOf(name: string, content: string, maxAheadMs?: number, nowMs?: number): Promise<SourceItem[]> {
  const path = join(dir, name);
  await writeFile(path, content);
  const items: SourceItem[] = [];
  for await (const chunk of readRecords(path, 'events', maxAheadMs, nowMs)) items.push(...chunk.items);
  return items;
}

describe('readRecords', () => {
  it('accepts a first line that opens with a UTF-8 byte-order mark', async () => {
    const items = await itemsOf('bom.jsonl', `\uFEFF${usageLine('e-1', '2025-03-01T00:00:00Z')}\n${usageLine('e-2', '2025-03-02T00:00:00Z')}\n`);
    expect(items.map((item) => item.decoded.ok)).toEqual([true, true]);
    expect(items[0]?.line.startsWith('{')).toBe(true);
  });

  it('accepts a byte-order mark in a one-line file without a final newline', async () => {
    const items = await itemsOf('bom-one.jsonl', `\uFEFF${usageLine('e-1', '2025-03-01T00:00:00Z')}`);
    expect(items.map((item) => item.decoded.ok)).toEqual([true]);
  });

  it('rejects an event far ahead of the stream time (but not of the wall clock) when the next one falls back; stream time stays where it was', async () => {
    const lines = [
      usageLine('e-1', '2025-03-01T00:00:00Z'),
      usageLine('e-typo', '2025-09-01T00:00:00Z'),
      '{"kind":"usage"',
      usageLine('e-2', '2025-03-02T00:00:00Z'),
      usageLine('e-3', '2025-03-08T23:00:00Z'),
    ];
    const items = await itemsOf('ahead.jsonl', `${lines.join('\n')}\n`);
    expect(items.map((item) => [item.lineNumber, item.decoded.ok])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, true],
      [5, true],
    ]);
    const rejected = items[1]?.decoded;
    expect(rejected).toMatchObject({ ok: false, reason: 'event_time_out_of_range' });
    expect(rejected?.ok === false && rejected.message).toBe(
      "event time 2025-09-01T00:00:00.000Z lies more than 168 h ahead of the replay's stream time 2025-03-01T00:00:00.000Z, and the next event (2025-03-02T00:00:00.000Z) does not follow it",
    );
  });

  it('accepts a real gap in the history: the event after the jump follows it', async () => {
    const lines = [usageLine('e-1', '2025-03-01T00:00:00Z'), usageLine('e-2', '2025-05-01T00:00:00Z'), usageLine('e-3', '2025-04-28T00:00:00Z')];
    const items = await itemsOf('gap.jsonl', `${lines.join('\n')}\n`);
    expect(items.map((item) => item.decoded.ok)).toEqual([true, true, true]);
  });

  it('rejects a jump on the last line, which nothing follows', async () => {
    const lines = [usageLine('e-1', '2025-03-01T00:00:00Z'), usageLine('e-typo', '2025-09-01T00:00:00Z')];
    const items = await itemsOf('last.jsonl', `${lines.join('\n')}`);
    expect(items.map((item) => item.decoded.ok)).toEqual([true, false]);
    expect(items[1]?.decoded.ok === false && items[1].decoded.message).toMatch(/no later event follows it$/);
  });

  it('takes the bound from the caller', async () => {
    const lines = [usageLine('e-1', '2025-03-01T00:00:00Z'), usageLine('e-2', '2025-03-03T00:00:00Z'), usageLine('e-3', '2025-03-01T12:00:00Z')];
    const items = await itemsOf('bound.jsonl', `${lines.join('\n')}\n`, DAY_MS);
    expect(items.map((item) => item.decoded.ok)).toEqual([true, false, true]);
  });

  it('rejects a first line far ahead of the wall clock, so it cannot set the stream time; the rest of the file replays', async () => {
    const lines = [usageLine('e-2100', '2100-01-01T00:00:00Z'), usageLine('e-1', '2025-03-01T00:00:00Z'), usageLine('e-2', '2025-03-02T00:00:00Z')];
    const items = await itemsOf('first-ahead.jsonl', `\uFEFF${lines.join('\n')}\n`, undefined, Date.parse('2025-06-01T00:00:00Z'));
    expect(items.map((item) => [item.lineNumber, item.decoded.ok])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
    expect(items[0]?.decoded).toEqual({
      ok: false,
      reason: 'event_time_out_of_range',
      message: 'event time 2100-01-01T00:00:00.000Z lies more than 168 h ahead of the wall clock (2025-06-01T00:00:00.000Z); history cannot lie in the future',
    });
  });

  it('rejects every event beyond the wall clock and the bound, even when they follow each other; events within it stand', async () => {
    const nowMs = Date.parse('2025-03-01T00:00:00Z');
    const lines = [
      usageLine('e-1', '2025-02-28T00:00:00Z'),
      usageLine('e-2', '2025-03-02T00:00:00Z'),
      usageLine('e-3', '2025-03-03T00:00:00Z'),
      usageLine('e-4', '2025-03-03T12:00:00Z'),
    ];
    const items = await itemsOf('future-run.jsonl', `${lines.join('\n')}\n`, 2 * DAY_MS, nowMs);
    expect(items.map((item) => item.decoded.ok)).toEqual([true, true, true, false]);
    expect(items[3]?.decoded).toMatchObject({ reason: 'event_time_out_of_range', message: expect.stringContaining('ahead of the wall clock') });
  });
});
