import { describe, expect, test } from 'vitest';
import { counterProcessor } from '../../test/fixtures/counter-processor.ts';
import { partitionForKey } from '../core/partition-for-key.ts';
import type { Processor } from '../processor.ts';
import { createLocalTopology, replay } from './local-topology.ts';

/** Downstream of `counter`: remembers, per key, how many silences it saw and emits an alert on the second. */
const silenceAlerts: Processor<number, { count: number; atMs: number }> = {
  name: 'silence-alerts',
  inputs: ['silences'],
  outputs: ['alerts'],
  process(state, record) {
    const seen = (state ?? 0) + 1;
    const outputs =
      seen === 2
        ? [{ output: 'alerts', key: record.key, value: { silences: seen }, id: `${record.key}:alert:${record.eventTimeMs}`, eventTimeMs: record.eventTimeMs }]
        : [];
    return { state: seen, outputs };
  },
  onTimer: (state) => ({ state }),
};

const events = (keys: string[], fromMs: number, stepMs: number) =>
  keys.map((key, i) => ({ input: 'events', key, value: { amount: i + 1 }, eventTimeMs: fromMs + i * stepMs, eventId: `${key}-${fromMs + i * stepMs}` }));

describe('local topology', () => {
  test('outputs of one processor feed the processors that read them, depth first', () => {
    const topology = createLocalTopology({ processors: [counterProcessor({ silenceAfterMs: 100, silenceClock: 'stream' }), silenceAlerts] });
    topology.push(events(['a'], 0, 0)[0]!);
    topology.push({ input: 'events', key: 'b', value: { amount: 1 }, eventTimeMs: 150 });
    // a's silence (t=100) fires before b's record; a is quiet again at 300 → second silence → alert.
    topology.push({ input: 'events', key: 'a', value: { amount: 1 }, eventTimeMs: 200 });
    const out = topology.advanceStreamTime(400);
    expect(topology.outputs.map((o) => `${o.processor}/${o.id}`)).toEqual([
      'counter/a:count:1',
      'counter/a:silence:100',
      'counter/b:count:1',
      'counter/a:count:2',
      'counter/b:silence:250',
      'counter/a:silence:300',
      'silence-alerts/a:alert:300',
    ]);
    expect(out.map((o) => o.id)).toEqual(['b:silence:250', 'a:silence:300', 'a:alert:300']);
    expect(topology.state('silence-alerts', 'a')).toBe(2);
    expect(topology.streamTimeMs('counter')).toBe(400);
    expect(topology.externalInputs).toEqual(new Set(['events']));
  });

  test('with partitions, stream time is kept per partition as it is live', () => {
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
    const partitions = 3;
    const topology = createLocalTopology({ processors: [counterProcessor({ silenceAfterMs: 100, silenceClock: 'stream' })], partitions });
    const first = keys.find((key) => partitionForKey(key, partitions) === 0)!;
    const other = keys.find((key) => partitionForKey(key, partitions) === 1)!;
    topology.push({ input: 'events', key: first, value: { amount: 1 }, eventTimeMs: 0 });
    // A later record on another partition does not fire the first key's timer.
    expect(topology.push({ input: 'events', key: other, value: { amount: 1 }, eventTimeMs: 1000 }).map((o) => o.id)).toEqual([`${other}:count:1`]);
    expect(topology.streamTimeMs('counter', 0)).toBe(0);
    expect(topology.streamTimeMs('counter', 1)).toBe(1000);
    expect(topology.timers('counter', first)).toEqual([{ name: 'silence', atMs: 100, clock: 'stream' }]);
  });

  test('a replay is deterministic and skips re-sent events', () => {
    const records = [...events(['a', 'b', 'c', 'a', 'b'], 0, 30), ...events(['a'], 1000, 0)];
    const withResend = [...records.slice(0, 3), records[1]!, ...records.slice(3)];
    const processors = [counterProcessor({ silenceAfterMs: 100, silenceClock: 'wall' }), silenceAlerts];
    const once = replay({ processors, records, untilMs: 5000 });
    expect(replay({ processors, records: withResend, untilMs: 5000 })).toEqual(once);
    expect(once.filter((o) => o.output === 'counts').map((o) => o.id)).toEqual(['a:count:1', 'b:count:1', 'c:count:1', 'a:count:2', 'b:count:2', 'a:count:3']);
    expect(once.filter((o) => o.output === 'alerts').map((o) => o.id)).toEqual(['a:alert:1100']);
  });

  test('cycles and duplicate names are refused', () => {
    const loop = (name: string, from: string, to: string): Processor<unknown, unknown> => ({
      name,
      inputs: [from],
      outputs: [to],
      process: (state) => ({ state }),
      onTimer: (state) => ({ state }),
    });
    expect(() => createLocalTopology({ processors: [loop('x', 'a', 'b'), loop('y', 'b', 'a')] })).toThrow(/cycle: x → y → x/);
    expect(() => createLocalTopology({ processors: [loop('x', 'a', 'b'), loop('x', 'c', 'd')] })).toThrow(/two processors are named "x"/);
  });
});
