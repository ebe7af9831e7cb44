import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { createProcessorTestDriver } from '@churnwatch/stream-runtime';
import { describe, expect, test } from 'vitest';
import { usageDeclining } from '../../../packages/alert-format/test/fixtures.ts';
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

  test('by default, low-severity steps and renewal notices of an owner with an e-mail belong in the digest', () => {
    const byDefault = { severities: ['info'], kinds: ['renewal_upcoming'] } as const;
    expect(belongsInDigest({ ...base, severity: 'info' }, byDefault)).toBe(true);
    expect(belongsInDigest({ ...base, severity: 'warning', kind: 'renewal_upcoming' }, byDefault)).toBe(true);
    expect(belongsInDigest({ ...base, severity: 'warning' }, byDefault)).toBe(false);
    const { owner: _owner, ...unowned } = base;
    expect(belongsInDigest({ ...unowned, severity: 'info' }, byDefault)).toBe(false);
  });

  test('a route chooses the severities and kinds it collects', () => {
    const warningsAndLapses = { severities: ['info', 'warning'], kinds: ['purchase_lapse'] } as const;
    expect(belongsInDigest({ ...base, kind: 'usage_declining', severity: 'warning' }, warningsAndLapses)).toBe(true);
    expect(belongsInDigest({ ...base, kind: 'purchase_lapse', severity: 'critical' }, warningsAndLapses)).toBe(true);
    expect(belongsInDigest({ ...base, kind: 'renewal_upcoming', severity: 'critical' }, warningsAndLapses)).toBe(false);
    const onlyRenewals = { severities: [], kinds: ['renewal_upcoming'] } as const;
    expect(belongsInDigest({ ...base, kind: 'usage_declining', severity: 'info' }, onlyRenewals)).toBe(false);
    expect(belongsInDigest({ ...base, kind: 'renewal_upcoming', severity: 'warning' }, onlyRenewals)).toBe(true);
  });

  for (const [locale, title, firstLine] of [
    [
      'en',
      'Daily churn digest for dana@example.com, Dec 10, 2026 (2 notices)',
      '• OPENED usage declining — Nordwind Logistik GmbH (cust-00055): Usage fell 49% over 14 days against its 8-week baseline',
    ],
    [
      'de',
      'Tägliche Churn-Übersicht für dana@example.com, 10.12.2026 (2 Hinweise)',
      '• NEU Nutzung rückläufig — Nordwind Logistik GmbH (cust-00055): Nutzung in 14 Tagen um 49\u00a0% gesunken, gemessen an den 8 Wochen davor',
    ],
  ] as const) {
    test(`the ${locale} message lists every notice on its own line, in the route's language, customer text escaped`, () => {
      const driver = createProcessorTestDriver(createDigestProcessor({ hour: 8, minute: 0, timeZone: 'UTC', locale }));
      driver.pipe(step('e1', '2026-12-09T15:00:00Z', { ...usageDeclining, severity: 'info' }));
      driver.pipe(step('e2', '2026-12-09T16:00:00Z', { customerId: 'cust-7', customerName: '<!channel> *GmbH*' }));
      const [sent] = driver.advanceWallClock(Date.parse('2026-12-10T08:00:00Z'));
      const digest = sent?.value as OwnerDigest;
      expect(digest.locale).toBe(locale);
      const message = digestMessage(digest) as { text: string; blocks: { text: { text: string } }[] };
      expect(message.blocks[0]?.text.text).toBe(title);
      const lines = message.blocks[1]?.text.text.split('\n') ?? [];
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(firstLine);
      expect(lines[1]).toContain('&lt;!channel&gt; *GmbH* (cust-7)');
      expect(lines.join('\n')).not.toContain('<!channel>');
    });
  }

  test('without a route language the digest is in the owner’s, else English', () => {
    const driver = createProcessorTestDriver(createDigestProcessor({ hour: 8, minute: 0, timeZone: 'UTC' }));
    driver.pipe(step('e1', '2026-12-09T15:00:00Z', { owner: { name: 'Dana', email: owner, locale: 'de' } }));
    const [sent] = driver.advanceWallClock(Date.parse('2026-12-10T08:00:00Z'));
    const digest = sent?.value as OwnerDigest;
    expect(digest.locale).toBe('de');
    expect((digestMessage({ ...digest, locale: undefined }) as { text: string }).text).toMatch(/^Daily churn digest/);
  });
});
