import type { InputDecoder } from '@churnwatch/contracts';
import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { processorBindings } from './processor-bindings.ts';

const decode: InputDecoder = () => ({ ok: false, deadLetter: { schemaVersion: 1, reason: 'schema_violation', message: 'unused', fields: [] } }) as never;
const processor = { inputs: ['events', 'labels'], outputs: ['counts'] };
const topics = { events: 't.events', labels: 't.labels', ticks: 't.ticks', counts: 't.counts', deadLetters: 't.dlq' };
const decoders = { events: decode, labels: decode, ticks: decode };

describe('processor bindings', () => {
  it('binds each input, clock input and output to its topic, with the dead-letter topic', () => {
    const bindings = processorBindings({ owner: 'counter', processor, topics, decoders, clockInputs: ['ticks'], clockLeaderGroups: ['leader'] });
    expect(Object.keys(bindings.inputs)).toEqual(['events', 'labels']);
    expect(bindings.inputs.events).toEqual({ topic: 't.events', decode });
    expect(bindings.clockInputs).toEqual({ ticks: { topic: 't.ticks', decode } });
    expect(bindings.outputs).toEqual({ counts: { topic: 't.counts' } });
    expect(bindings.deadLetterTopic).toBe('t.dlq');
    expect(bindings.clockLeaderGroups).toEqual(['leader']);
  });

  it('leaves the clock leader out when nothing is read as a clock', () => {
    expect(processorBindings({ owner: 'counter', processor, topics, decoders, clockLeaderGroups: ['leader'] })).not.toHaveProperty('clockLeaderGroups');
  });

  it('stops with a ConfigError that names the missing topic or decoder', () => {
    const { counts: _, ...noCounts } = topics;
    expect(() => processorBindings({ owner: 'counter', processor, topics: noCounts, decoders })).toThrow(ConfigError);
    expect(() => processorBindings({ owner: 'counter', processor, topics: noCounts, decoders })).toThrow(/counts: no topic configured/);
    const { labels: __, ...noLabels } = decoders;
    expect(() => processorBindings({ owner: 'counter', processor, topics, decoders: noLabels })).toThrow(/counter's decoders.*labels: no decoder/s);
  });
});
