import type { KafkaMessage } from 'kafkajs';
import { expect, test } from 'vitest';
import { counterProcessor } from '../../test/fixtures/counter-processor.ts';
import type { StoreEntry } from '../core/store-entry.ts';
import { StreamTask } from '../core/stream-task.ts';
import { CorruptStateError } from '../errors.ts';
import { restoreRecords } from '../kafka/restore-records.ts';
import { encodeEntry } from './changelog-codec.ts';
import { createMemoryStore, type KeyValueStore } from './key-value-store.ts';
import { createPackedStore, packedStores } from './packed-store.ts';

const counterTask = (store: KeyValueStore<StoreEntry<never>>) =>
  new StreamTask({ processor: counterProcessor({ silenceAfterMs: 100, silenceClock: 'stream' }), store, maxRecentEventIds: 4 });

/** Records on many keys, duplicates among them, with a commit every few records and a rollback now and then. */
function drive(task: ReturnType<typeof counterTask>): string[] {
  const ids: string[] = [];
  for (let i = 0; i < 600; i++) {
    const key = `k${(i * 7) % 23}`;
    const eventId = `e${i % 50 === 49 ? i - 1 : i}`;
    const { outputs } = task.process({ input: 'events', key, value: { amount: 1 + (i % 3) }, eventTimeMs: i * 10, eventId });
    ids.push(...outputs.map((output) => output.id ?? ''));
    if (i % 9 === 8) {
      if (i % 45 === 44) task.rollback();
      else task.commit();
    }
  }
  task.commit();
  return ids;
}

test('a task on the packed store gives the outputs, state and timers of one on the memory store, however small its cache', () => {
  const reference = counterTask(createMemoryStore());
  const expectedOutputs = drive(reference);
  const expectedEntries = new Map([...reference.store.entries()]);
  for (const cacheKeys of [1, 3, 50]) {
    const task = counterTask(createPackedStore(cacheKeys));
    expect(drive(task)).toEqual(expectedOutputs);
    expect(task.store.size).toBe(expectedEntries.size);
    for (const [key, entry] of expectedEntries) expect(task.entry(key)).toEqual(entry);
    expect(task.nextTimerAtMs()).toBe(reference.nextTimerAtMs());
  }
});

test('restored entries stay as copies of their bytes until read; the timer index sees them without decoding', () => {
  const store = createPackedStore<number>(2);
  const task = new StreamTask<number>({ processor: counterProcessor({ silenceAfterMs: 100, silenceClock: 'wall' }) as never, store, maxRecentEventIds: 4 });
  const entry = (state: number, atMs: number): StoreEntry<number> => ({
    state,
    timers: [{ name: 'silence', atMs, clock: 'wall' }],
    recentEventHashes: [state],
  });
  const values = [Buffer.from(encodeEntry(entry(1, 300)) as string), Buffer.from(encodeEntry(entry(2, 200)) as string)];
  const message = (offset: number, key: string, value: Buffer) =>
    ({ offset: String(offset), key: Buffer.from(key), value, timestamp: '0', attributes: 0, headers: {} }) as KafkaMessage;
  restoreRecords(task, [message(0, 'a', values[0]!), message(1, 'b', values[1]!)], { topic: 'app.p-changelog', partition: 0 });
  // The fetch's buffer is reused by the client: what the store keeps must not change with it.
  for (const value of values) value.fill(0x20);
  expect(task.nextWallTimerAtMs()).toBe(200);
  expect(store.peek('a')?.timers).toEqual(entry(1, 300).timers);
  expect(store.get('a')).toEqual(entry(1, 300));
  expect(store.get('b')).toEqual(entry(2, 200));
  // A third key written pushes the one written longest ago back to bytes; it reads the same.
  store.set('c', entry(3, 400));
  expect(store.get('a')).toEqual(entry(1, 300));
  expect([...store.entries()].map(([key]) => key).sort()).toEqual(['a', 'b', 'c']);
  store.delete('b');
  expect(store.get('b')).toBeUndefined();
  expect(store.size).toBe(2);
});

test('a cache of fewer than one key is refused', () => {
  expect(() => packedStores(0.5)).toThrow(/cacheKeys: expected a whole number >= 1, got 0.5/);
  expect(() => createPackedStore(0)).toThrow(/invalid configuration in the packed store:\n {2}- cacheKeys: expected a whole number >= 1, got 0/);
});

test("keys written over and over keep their latest entry through the arena's compactions", () => {
  const store = createPackedStore<string>(1);
  const entry = (key: string, n: number): StoreEntry<string> => ({ state: `${key}:${n}:${'z'.repeat(4_000)}`, timers: [], recentEventHashes: [n] });
  // 1,200 entries of 4 KB pass through the arena while at most three are live: it compacts several times.
  for (let n = 0; n < 400; n++) for (const key of ['a', 'b', 'c']) store.set(key, entry(key, n));
  for (const key of ['a', 'b', 'c']) expect(store.get(key)).toEqual(entry(key, 399));
  expect(store.size).toBe(3);
});

test('an entry restored as bytes whose state is corrupt restores, and its first read is a CorruptStateError naming the key', () => {
  const store = createPackedStore<number>(2);
  const task = new StreamTask<number>({ processor: counterProcessor({ silenceAfterMs: 100, silenceClock: 'wall' }) as never, store, maxRecentEventIds: 4 });
  const message = (offset: number, key: string, value: string) =>
    ({ offset: String(offset), key: Buffer.from(key), value: Buffer.from(value), timestamp: '0', attributes: 0, headers: {} }) as KafkaMessage;
  restoreRecords(task, [message(0, 'broken', '{"v":1,"t":[["silence",300,"w"]],"s":{"count":}')], { topic: 'app.p-changelog', partition: 0 });
  expect(task.nextWallTimerAtMs()).toBe(300);
  const failure = (() => {
    try {
      store.get('broken');
    } catch (error) {
      return error;
    }
  })();
  expect(failure).toBeInstanceOf(CorruptStateError);
  expect((failure as Error).message).toMatch(/^the stored entry of key "broken": changelog entry is not JSON/);
});
