import type { RawRecord } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { createDecoders } from './decoders.ts';
import { kitSettingsSchema } from './kit-settings.ts';

const nowMs = Date.parse('2026-06-01T00:00:00Z');
const settings = kitSettingsSchema.parse({ maxEventAgeDays: '30' });
const decoders = createDecoders(['usage', 'signals'], { service: 'test-service', settings, now: () => nowMs });

function raw(topic: string, key: string, value: unknown): RawRecord {
  return { topic, partition: 0, offset: '7', key: Buffer.from(key), value: Buffer.from(JSON.stringify(value)), headers: {}, timestamp: String(nowMs) };
}

const old = '2026-01-01T10:00:00.000Z';

describe('detection service decoders', () => {
  it('bound the event time of topics other systems write', async () => {
    const usage = { schemaVersion: 1, eventId: 'u1', customerId: 'c1', eventTime: old, metric: 'sessions', quantity: 3 };
    const result = await decoders.usage!(raw('usage', 'c1', usage));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.deadLetter).toMatchObject({ reason: 'event_time_out_of_range', consumer: 'test-service', source: { topic: 'usage', offset: '7' } });
  });

  it('leave internal topics unbounded: their times are whatever history the producer processed', async () => {
    const signal = {
      schemaVersion: 1,
      eventId: 's1',
      customerId: 'c1',
      eventTime: old,
      concern: 'usage',
      factor: null,
      detail: 'learning',
      evidence: [],
      findings: [],
      facts: {},
    };
    const result = await decoders.signals!(raw('signals', 'c1', signal));
    expect(result).toMatchObject({ ok: true, key: 'c1', eventTimeMs: Date.parse(old), eventId: 's1' });
  });
});
