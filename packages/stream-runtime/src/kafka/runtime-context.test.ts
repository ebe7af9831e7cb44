import { createLogger } from '@churnwatch/telemetry';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { expect, test } from 'vitest';
import type { Processor } from '../processor.ts';
import { RuntimeContext } from './runtime-context.ts';
import type { StreamRuntimeOptions } from './runtime-options.ts';

const processor: Processor<number, unknown> = {
  name: 'holder',
  inputs: ['signals', 'profiles'],
  tableInputs: ['profiles'],
  heldInputs: ['signals'],
  outputs: ['alerts'],
  process: (state) => ({ state }),
  onTimer: (state) => ({ state }),
};

const decode = () => ({ ok: true as const, key: 'k', value: null, eventTimeMs: 0 });

function options(overrides: Partial<StreamRuntimeOptions<number, unknown>> = {}): StreamRuntimeOptions<number, unknown> {
  return {
    kafka: {} as Kafka,
    applicationId: 'app',
    processor,
    inputs: { signals: { topic: 'signals', decode }, profiles: { topic: 'profiles', decode } },
    clockInputs: { usage: { topic: 'usage', decode } },
    outputs: { alerts: { topic: 'alerts' } },
    deadLetterTopic: 'dead-letters',
    delivery: 'at-least-once',
    logger: createLogger({ service: 'test', level: 'silent' }),
    registry: new Registry(),
    ...overrides,
  };
}

test('a held input is an own stream input the clock waits for, and needs a clock', () => {
  const ctx = new RuntimeContext(options({ clockLeaderGroups: ['usage-monitor', 'contract-monitor'] }));
  expect(ctx.ownStreamTopics).toEqual(['signals']);
  expect(ctx.ledClockTopic).toBe('usage');
  expect(ctx.clockLeaderGroups).toEqual(['usage-monitor', 'contract-monitor']);
  expect(() => new RuntimeContext(options({ clockInputs: {} }))).toThrow(/needs exactly one clock input/);
  const heldTable = { ...processor, heldInputs: ['profiles'] };
  expect(() => new RuntimeContext(options({ processor: heldTable }))).toThrow(/held input "profiles" of holder must be one of its inputs and not a table/);
});
