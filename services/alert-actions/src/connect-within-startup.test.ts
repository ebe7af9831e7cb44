import { KafkaConnectionRefusedError } from '@churnwatch/connection-security';
import { BrokerUnavailableError } from '@churnwatch/stream-runtime';
import { describe, expect, it } from 'vitest';
import { connectWithinStartup } from './connect-within-startup.ts';

/** A clock that advances only when the code under test sleeps. */
function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    waits.push(ms);
    now += ms;
  };
  return { now: () => now, sleep, waits };
}

function warnings() {
  const lines: string[] = [];
  return { lines, logger: { warn: (_fields: object, message: string) => void lines.push(message) } as never };
}

const unreachable = () => Promise.reject(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9'));

describe('connecting within the start-up timeout', () => {
  it('retries an unreachable broker with a warning naming it, then connects', async () => {
    const time = fakeTime();
    const log = warnings();
    let attempts = 0;
    const connected = await connectWithinStartup(
      async () => {
        attempts++;
        if (attempts < 3) return unreachable();
        return 'producer';
      },
      { brokers: ['kafka:9093'], startupTimeoutMs: 60_000, verify: async () => {}, ...log, ...time },
    );
    expect(connected).toBe('producer');
    expect(time.waits).toEqual([1_000, 2_000]);
    expect(log.lines).toHaveLength(2);
    expect(log.lines[0]).toBe('Kafka is not reachable at kafka:9093: Connection error: connect ECONNREFUSED 127.0.0.1:9; retrying in 1000 ms');
  });

  it('gives up past the timeout with the last failure', async () => {
    const time = fakeTime();
    const attempt = connectWithinStartup(unreachable, { brokers: ['kafka:9093'], startupTimeoutMs: 10_000, verify: async () => {}, ...warnings(), ...time });
    await expect(attempt).rejects.toBeInstanceOf(BrokerUnavailableError);
    await expect(attempt).rejects.toThrow('Kafka was not reachable at kafka:9093 within 10000 ms: Connection error: connect ECONNREFUSED');
    // 1 + 2 + 4 s waited; the next 8 s would end past the 10 s.
    expect(time.waits).toEqual([1_000, 2_000, 4_000]);
  });

  it('does not retry a refused login or TLS mismatch', async () => {
    const time = fakeTime();
    const refused = new KafkaConnectionRefusedError('authentication-failed', 'Kafka at kafka:9093 refused the SASL login', undefined);
    let connects = 0;
    const attempt = connectWithinStartup(
      async () => {
        connects++;
      },
      { brokers: ['kafka:9093'], startupTimeoutMs: 60_000, verify: () => Promise.reject(refused), ...warnings(), ...time },
    );
    await expect(attempt).rejects.toBe(refused);
    expect(connects).toBe(0);
    expect(time.waits).toEqual([]);
  });

  it('abandons an attempt that does not answer (its signal aborts) and counts it as a failed one', async () => {
    const time = fakeTime();
    const log = warnings();
    const signals: AbortSignal[] = [];
    const attempt = connectWithinStartup(
      (signal) => {
        signals.push(signal);
        return new Promise<never>(() => {});
      },
      { brokers: ['kafka:9093'], startupTimeoutMs: 1_500, verify: async () => {}, ...log, ...time },
    );
    await expect(attempt).rejects.toThrow('Kafka was not reachable at kafka:9093 within 1500 ms: no answer within 1000 ms');
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(log.lines).toEqual(['Kafka is not reachable at kafka:9093: no answer within 1000 ms; retrying in 1000 ms']);
  });
});
