import { createInputDecoder, topicContracts } from '@churnwatch/contracts';
import { Prng } from '@churnwatch/simulator';
import { describe, expect, it } from 'vitest';
import { poison, poisonKinds } from './poison.ts';

const nowMs = Date.parse('2026-06-01T12:00:00Z');
const maxValueBytes = 4096;
const event = {
  schemaVersion: 1,
  eventId: 'u-1',
  customerId: 'cust-00001',
  eventTime: '2026-05-31T09:00:00.000Z',
  metric: 'sessions',
  quantity: 3,
};

// The services' own boundary for the usage topic, with their default bounds and no registry.
const decode = createInputDecoder({
  contract: topicContracts.usage,
  consumer: 'usage-monitor',
  maxValueBytes,
  eventTimeBounds: { maxFutureMs: 3_600_000, maxPastMs: 400 * 86_400_000 },
  now: () => nowMs,
});
const raw = (key: string | null, value: Buffer) => ({
  topic: 'usage',
  partition: 0,
  offset: '7',
  key: key === null ? null : Buffer.from(key),
  value,
  headers: {},
  timestamp: String(nowMs),
});

describe('poison', () => {
  it('leaves the original valid (the control)', async () => {
    expect((await decode(raw(event.customerId, Buffer.from(JSON.stringify(event))))).ok).toBe(true);
  });

  it.each(poisonKinds)('%s is dead-lettered by the usage boundary with the reason it announces', async (kind) => {
    const message = poison(kind, event, { random: Prng.create(1, poisonKinds.indexOf(kind)), nowMs, maxValueBytes });
    const result = await decode(raw(message.key, message.value));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.deadLetter.reason).toBe(message.reason);
  });
});
