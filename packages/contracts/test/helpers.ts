import type { RawRecord } from '../src/index.ts';

/** A raw record as kafkajs would hand it over, for driving the decoder without a broker. */
export function rawRecord(value: Buffer | string | null, overrides: Partial<RawRecord> & { keyText?: string | null } = {}): RawRecord {
  const { keyText = 'cust-0042', ...rest } = overrides;
  return {
    topic: 'usage',
    partition: 0,
    offset: '7',
    key: keyText === null ? null : Buffer.from(keyText),
    value: typeof value === 'string' ? Buffer.from(value) : value,
    headers: { origin: Buffer.from('test') },
    timestamp: '1772359200000',
    ...rest,
  };
}

/** 2026-03-02T00:00:00Z: a day after the examples' event times. */
export const NOW_MS = Date.parse('2026-03-02T00:00:00Z');
