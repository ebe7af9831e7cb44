import { describe, expect, it } from 'vitest';
import { contractExamples, createEventTimeReader, type DecodeResult, topicContracts } from '../src/index.ts';
import { NOW_MS, rawRecord } from './helpers.ts';

const DAY_MS = 86_400_000;
const usage = contractExamples.usage;
const reader = createEventTimeReader({
  contract: topicContracts.usage,
  consumer: 'contract-monitor',
  maxValueBytes: 2048,
  eventTimeBounds: { maxFutureMs: DAY_MS, maxPastMs: 400 * DAY_MS },
  now: () => NOW_MS,
});

const reasonOf = (result: DecodeResult) => (result.ok ? 'ok' : result.deadLetter.reason);

describe('createEventTimeReader', () => {
  it('reads the key and event time of a plain JSON event, without its value', () => {
    expect(reader(rawRecord(JSON.stringify(usage)))).toEqual({ ok: true, key: 'cust-0042', value: null, eventTimeMs: Date.parse(usage.eventTime) });
  });

  it('takes a time the full decoder would take, whatever else the value holds: the clock needs the time alone', () => {
    const result = reader(rawRecord(JSON.stringify({ ...usage, quantity: 'lots' })));
    expect(result).toMatchObject({ ok: true, eventTimeMs: Date.parse(usage.eventTime) });
  });

  it('leaves what it cannot read to the full decoder, so a clock never moves on a time that decoder refuses', async () => {
    const future = new Date(NOW_MS + 2 * DAY_MS).toISOString();
    expect(reasonOf(await reader(rawRecord(JSON.stringify({ ...usage, eventTime: future }))))).toBe('event_time_out_of_range');
    expect(reasonOf(await reader(rawRecord(JSON.stringify({ ...usage, eventTime: 'yesterday' }))))).toBe('schema_violation');
    expect(reasonOf(await reader(rawRecord('{"eventTime":')))).toBe('malformed_json');
    expect(reasonOf(await reader(rawRecord(JSON.stringify(usage), { keyText: null })))).toBe('missing_key');
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from(JSON.stringify(usage))]);
    expect(reasonOf(await reader(rawRecord(framed)))).toBe('unsupported_format');
  });
});
