import { expect, test } from 'vitest';
import { collectLogLines } from '../test/log-lines.ts';
import { messageWithNewCauses } from './error-message.ts';
import { createLogger } from './logger.ts';

test('a cause is added to the message only when the message does not already say it', () => {
  const refused = new Error('connect ECONNREFUSED 127.0.0.1:9092');
  const timeout = new Error('no answer within 1000 ms', { cause: refused });
  const wrapped = new Error(`Kafka was not reachable within 8000 ms: ${timeout.message}`, { cause: timeout });
  expect(messageWithNewCauses(wrapped)).toBe('Kafka was not reachable within 8000 ms: no answer within 1000 ms: connect ECONNREFUSED 127.0.0.1:9092');
  expect(messageWithNewCauses(new Error('plain'))).toBe('plain');
  const looped = new Error('a');
  const other = new Error('b', { cause: looped });
  looped.cause = other;
  expect(messageWithNewCauses(looped)).toBe('a: b');
});

test('logged errors carry that message, with their type and stack', () => {
  const { destination, lines } = collectLogLines();
  const cause = new Error('no answer within 1000 ms');
  createLogger({ service: 'error-test', destination }).error({ err: new TypeError(`gave up: ${cause.message}`, { cause }) }, 'failed');
  const { err } = JSON.parse(lines[0] ?? '{}') as { err: { type: string; message: string; stack: string } };
  expect(err.message).toBe('gave up: no answer within 1000 ms');
  expect(err.type).toBe('TypeError');
  expect(err.stack).toContain('gave up: no answer within 1000 ms');
});
