import { describe, expect, test } from 'vitest';
import { DeliveryError, isPermanentProduceError } from './delivery.ts';

describe('permanent produce errors', () => {
  test('a record too large for the broker is permanent, also when kafkajs wrapped it', () => {
    const broker = Object.assign(new Error('The request included a message larger than the max message size the server will accept'), {
      type: 'MESSAGE_TOO_LARGE',
    });
    expect(isPermanentProduceError(broker)).toBe(true);
    expect(isPermanentProduceError(new Error('wrapped', { cause: broker }))).toBe(true);
    expect(isPermanentProduceError(new Error('The request included a message larger than the max message size the server will accept'))).toBe(true);
    expect(new DeliveryError('aborted', broker).permanent).toBe(true);
  });

  test('a broker that is down or a leader that moved is worth retrying', () => {
    expect(isPermanentProduceError(Object.assign(new Error('Connection error'), { type: 'NETWORK_EXCEPTION' }))).toBe(false);
    expect(
      isPermanentProduceError(Object.assign(new Error('This server is not the leader for that topic-partition'), { type: 'NOT_LEADER_FOR_PARTITION' })),
    ).toBe(false);
    expect(new DeliveryError('unknown', new Error('timeout')).permanent).toBe(false);
  });
});
