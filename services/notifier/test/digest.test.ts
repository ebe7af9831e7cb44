import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { createProcessorTestDriver } from '@churnwatch/stream-runtime';
import { describe, expect, test } from 'vitest';
import { digestMessage } from '../src/digest/digest-message.ts';
import { belongsInDigest, createDigestProcessor, type OwnerDigest } from '../src/digest/digest-processor.ts';
import { localDateOf, nextLocalTime } from '../src/digest/local-time.ts';

const owner = 'dana@example.com';
const base = contractExamples.alerts;

function step(
  eventId: string,
  eventTime: string,
  fields: Partial<ChurnRiskAlertV1> = {},
): { key: string; value: ChurnRiskAlertV1; eventTimeMs: number; eventId: string } {
  const value: ChurnRiskAlertV1 = { ...base, severity: 'info', eventId, alertId: `a-${eventId}`, eventTime, ...fields };
  return { key: owner, value, eventTimeMs: Date.parse(eventTime), eventId };
}

describe('local time', () => {
  test('the next 08:00 in Berlin, across the change to summer time, and in New York', () => {
    const at = { hour: 8, minute: 0 };
    expect(new Date(nextLocalTime(Date.parse('2026-03-28T10:00:00Z'), at, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(new Date(nextLocalTime(Date.parse('2026-03-27T10:00:00Z'), at, 'Europe/Berlin')).toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(new Date(nextLocalTime(Date.parse('2026-12-10T06:59:00Z'), at, 'Europe/Berlin')).toISOString()).toBe('2026-12-10T07:00:00.000Z');
    expect(new Date(nextLocalTime(Date.parse('2026-12-10T07:00:00Z'), at, 'Europe/Berlin')).toISOString()).toBe('2026-12-11T07:00:00.000Z');
    expect(new Date(nextLocalTime(Date.parse('2026-12-10T02:00:00Z'), at, 'America/New_York')).toISOString()).toBe('2026-12-10T13:00:00.000Z');
    expect(localDateOf(Date.parse('2026-12-10T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12-11');
  });
});

describe('daily digest', () => {
  test("one digest per owner at the owner's local time, with that day's notices, once", () => {
    const driver = createProcessorTestDriver(createDigestProcessor({ hour: 8, minute: 30, timeZone: 'Europe/Berlin' }));
    driver.pipe(step('e1', '2026-12-09T15:00:00Z'));
    driver.pipe(step('e2', '2026-12-09T18:00:00Z', { kind: 'renewal_upcoming', customerId: 'cust-7' }));
    driver.pipe(step('e1', '2026-12-09T15:00:00Z'));
    expect(driver.advanceWallClock(Date.parse('2026-12-10T07:29:00Z'))).toEqual([]);
    const sent = driver.advanceWallClock(Date.parse('2026-12-10T07:30:00Z'));
    expect(sent).toHaveLength(1);
    const digest = sent[0]?.value as OwnerDigest;
    expect(sent[0]?.id).toBe('digest:dana@example.com:2026-12-10');
    expect(digest.items.map((item) => item.eventId)).toEqual(['e1', 'e2']);
    // Nothing new: no empty digest the next day.
    expect(driver.advanceWallClock(Date.parse('2026-12-11T08:00:00Z'))).toEqual([]);
  });

  test('a replay of steps already digested sends nothing again; a new step goes into the next day', () => {
    const driver = createProcessorTestDriver(createDigestProcessor({ hour: 8, minute: 0, timeZone: 'UTC' }));
    driver.pipe(step('e1', '2026-12-09T15:00:00Z'));
    expect(driver.advanceWallClock(Date.parse('2026-12-10T08:00:00Z'))).toHaveLength(1);
    // The same step read again after a restart (at-least-once), under another record id.
    driver.pipe({ ...step('e1', '2026-12-09T15:00:00Z'), eventId: 'redelivered' });
    driver.pipe(step('e3', '2026-12-10T09:00:00Z'));
    const next = driver.advanceWallClock(Date.parse('2026-12-11T08:00:00Z'));
    expect(next.map((output) => [output.id, (output.value as OwnerDigest).items.map((item) => item.eventId)])).toEqual([
      ['digest:dana@example.com:2026-12-11', ['e3']],
    ]);
  });

  test('low-severity steps and renewal notices of an owner with an e-mail belong in the digest', () => {
    expect(belongsInDigest({ ...base, severity: 'info' })).toBe(true);
    expect(belongsInDigest({ ...base, severity: 'warning', kind: 'renewal_upcoming' })).toBe(true);
    expect(belongsInDigest({ ...base, severity: 'warning' })).toBe(false);
    const { owner: _owner, ...unowned } = base;
    expect(belongsInDigest({ ...unowned, severity: 'info' })).toBe(false);
  });

  test('the message lists every notice on its own line', () => {
    const message = digestMessage({
      digestId: 'd',
      owner,
      date: '2026-12-10',
      timeZone: 'UTC',
      items: [
        {
          eventId: 'e1',
          alertId: 'a',
          customerId: 'cust-1',
          kind: 'renewal_upcoming',
          status: 'opened',
          severity: 'info',
          summary: 'Renews on 2027-01-01',
          eventTime: '2026-12-09T00:00:00Z',
        },
      ],
    }) as { text: string; blocks: { text: { text: string } }[] };
    expect(message.text).toBe('Daily churn digest for dana@example.com, 2026-12-10 (1 notice)');
    expect(message.blocks[1]?.text.text).toBe('• OPENED renewal upcoming — cust-1: Renews on 2027-01-01');
  });
});
