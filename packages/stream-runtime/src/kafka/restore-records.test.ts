import type { KafkaMessage } from 'kafkajs';
import { expect, test } from 'vitest';
import { StreamTask } from '../core/stream-task.ts';
import { CorruptStateError } from '../errors.ts';
import type { Processor } from '../processor.ts';
import { encodeEntry, encodeInputOffsets, encodeStreamTime, inputOffsetsKey, streamTimeKey } from '../store/changelog-codec.ts';
import { createMemoryStore } from '../store/key-value-store.ts';
import { restoreRecords } from './restore-records.ts';

const processor: Processor<number, unknown> = { name: 'p', inputs: ['in'], outputs: [], process: (s) => ({ state: s }), onTimer: (s) => ({ state: s }) };
const message = (offset: number, key: string, value: string | null): KafkaMessage =>
  ({
    offset: String(offset),
    key: Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    timestamp: '0',
    attributes: 0,
    headers: {},
  }) as KafkaMessage;

test('restores entries (latest wins, a tombstone deletes), stream time and timers', () => {
  const task = new StreamTask<number>({ processor, store: createMemoryStore(), maxRecentEventIds: 4 });
  restoreRecords(
    task,
    [
      message(0, 'a', encodeEntry({ state: 1, timers: [], recentEventHashes: [11] })),
      message(1, 'b', encodeEntry({ state: 2, timers: [{ name: 't', atMs: 50, clock: 'wall' }], recentEventHashes: [] })),
      message(2, 'a', encodeEntry({ state: 3, timers: [], recentEventHashes: [11, 12] })),
      message(3, 'c', encodeEntry({ state: 9, timers: [], recentEventHashes: [] })),
      message(4, 'c', null),
      message(5, streamTimeKey, encodeStreamTime(40)),
    ],
    { topic: 'app.p-changelog', partition: 2 },
  );
  expect(task.entry('a')).toEqual({ state: 3, timers: [], recentEventHashes: [11, 12] });
  expect(task.entry('c')).toBeUndefined();
  expect(task.store.size).toBe(2);
  expect(task.streamTimeMs).toBe(40);
  expect(task.nextWallTimerAtMs()).toBe(50);
});

test('a record that cannot be decoded is a non-retriable CorruptStateError naming where it is', () => {
  const task = new StreamTask<number>({ processor, store: createMemoryStore(), maxRecentEventIds: 4 });
  const corrupt = [message(7, 'ok', encodeEntry({ state: 1, timers: [], recentEventHashes: [] })), message(8, 'bad', '{"v":1,"s":')];
  let thrown: unknown;
  try {
    restoreRecords(task, corrupt, { topic: 'app.p-changelog', partition: 2 });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CorruptStateError);
  const error = thrown as CorruptStateError;
  expect(error.code).toBe('STATE_CORRUPT');
  expect(error.retriable).toBe(false);
  expect(error.context).toEqual({ topic: 'app.p-changelog', partition: 2, offset: '8', key: 'bad' });
  expect(error.message).toMatch(/app\.p-changelog partition 2 offset 8 \(key "bad"\): changelog entry is not JSON/);
  expect(() => restoreRecords(task, [message(9, streamTimeKey, '{"v":1}')], { topic: 't', partition: 0 })).toThrow(CorruptStateError);
});

test("the input offsets the state has taken up: each topic's latest, whichever commit wrote it", () => {
  const task = new StreamTask<number>({ processor, store: createMemoryStore(), maxRecentEventIds: 4 });
  const offsets = new Map<string, string>();
  restoreRecords(
    task,
    [
      message(
        0,
        inputOffsetsKey,
        encodeInputOffsets(
          new Map([
            ['usage', '10'],
            ['orders', '3'],
          ]),
        ),
      ),
      message(1, 'a', encodeEntry({ state: 1, timers: [], recentEventHashes: [] })),
      // A record that does not name an input leaves what an earlier one said of it.
      message(2, inputOffsetsKey, encodeInputOffsets(new Map([['usage', '25']]))),
    ],
    { topic: 'app.p-changelog', partition: 0 },
    offsets,
  );
  expect(offsets).toEqual(
    new Map([
      ['usage', '25'],
      ['orders', '3'],
    ]),
  );
  expect(task.store.size).toBe(1);
});
