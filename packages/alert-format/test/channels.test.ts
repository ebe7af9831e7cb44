import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { describe, expect, test } from 'vitest';
import { alertLocale, formatAlertForTerminal, stakes, translator } from '../src/index.ts';
import { usageDeclining } from './fixtures.ts';
import { slackOf, teamsOf } from './payloads.ts';

describe('one alert in every channel', () => {
  test('the terminal shows three lines with the customer as "name (id)"; colour only when asked', () => {
    expect(formatAlertForTerminal(usageDeclining, false)).toBe(
      [
        'OPENED usage declining — Nordwind Logistik GmbH (cust-00055)',
        '    Usage fell 49% over 14 days against its 8-week baseline',
        '    at risk €213,393 (contract value) · renewal Nov 7, 2026 (in 30 days) · health 69/100 · segment enterprise · owner Elin Berg · severity warning · since Oct 8, 2026 · alert alert-5c24ab',
      ].join('\n'),
    );
    expect(formatAlertForTerminal(usageDeclining, true)).toContain('\x1b[33mOPENED usage declining');
  });

  test('the terminal in German', () => {
    expect(formatAlertForTerminal(usageDeclining, false, { locale: 'de' })).toBe(
      [
        'NEU Nutzung rückläufig — Nordwind Logistik GmbH (cust-00055)',
        '    Nutzung in 14 Tagen um 49\u00a0% gesunken, gemessen an den 8 Wochen davor',
        '    gefährdet 213.393\u00a0€ (Vertragswert) · Verlängerung 07.11.2026 (in 30 Tagen) · Gesundheit 69/100 · Segment enterprise · Betreuung Elin Berg · Schwere Warnung · seit 08.10.2026 · Alarm alert-5c24ab',
      ].join('\n'),
    );
  });

  test('without a name in the profile the id alone names the customer', () => {
    const { customerName: _, ...unnamed } = usageDeclining;
    expect(formatAlertForTerminal(unnamed, false).split('\n')[0]).toBe('OPENED usage declining — cust-00055');
  });

  test('Slack: notification text, bold headline, the owner mentioned, the alert id as code', () => {
    const owned = { ...usageDeclining, owner: { name: 'Elin Berg', slackHandle: 'U024BE7LH' } };
    const message = slackOf(owned);
    expect(message.text).toBe(
      ':warning: OPENED usage declining — Nordwind Logistik GmbH (cust-00055): Usage fell 49% over 14 days against its 8-week baseline',
    );
    expect(message.blocks[0]?.text?.text).toBe(
      ':warning: *OPENED usage declining — Nordwind Logistik GmbH (cust-00055)* <@U024BE7LH>\nUsage fell 49% over 14 days against its 8-week baseline',
    );
    expect(message.blocks[1]?.elements?.[0]?.text).toMatch(/^at risk €213,393 \(contract value\) · .* · alert `alert-5c24ab90d1e2`$/);
    expect(slackOf(usageDeclining).blocks[0]?.text?.text).not.toContain('<@');
  });

  test('Slack in German', () => {
    const message = slackOf(usageDeclining, 'de');
    expect(message.text).toBe(
      ':warning: NEU Nutzung rückläufig — Nordwind Logistik GmbH (cust-00055): Nutzung in 14 Tagen um 49\u00a0% gesunken, gemessen an den 8 Wochen davor',
    );
    expect(message.blocks[1]?.elements?.[0]?.text).toMatch(/· Alarm `alert-5c24ab90d1e2`$/);
  });

  test('Teams: an Adaptive Card in the reader’s language whose title colour follows the severity', () => {
    const card = teamsOf({ ...usageDeclining, severity: 'critical' }).attachments[0]?.content;
    expect(card?.lang).toBe('en');
    expect(card?.body[0]).toMatchObject({ text: 'OPENED usage declining — Nordwind Logistik GmbH (cust-00055)', color: 'Attention' });
    expect(card?.body[1]?.text).toBe('Usage fell 49% over 14 days against its 8-week baseline');
    const german = teamsOf(usageDeclining, 'de').attachments[0]?.content;
    expect(german?.lang).toBe('de');
    expect(german?.body[0]?.text).toBe('NEU Nutzung rückläufig — Nordwind Logistik GmbH (cust-00055)');
  });

  test('a resolved alert is an all-clear, unless the contract ended', () => {
    const cleared: ChurnRiskAlertV1 = { ...usageDeclining, status: 'resolved', resolution: 'all_clear' };
    const closed: ChurnRiskAlertV1 = { ...usageDeclining, status: 'resolved', resolution: 'contract_ended' };
    expect(slackOf(cleared).text.startsWith(':white_check_mark: RESOLVED usage declining')).toBe(true);
    expect(slackOf(closed).text.startsWith(':black_square_for_stop: CLOSED (contract ended) usage declining')).toBe(true);
    expect(formatAlertForTerminal(closed, false, { locale: 'de' }).split('\n')[0]).toBe(
      'GESCHLOSSEN (Vertrag beendet) Nutzung rückläufig — Nordwind Logistik GmbH (cust-00055)',
    );
  });
});

describe('the reader’s language', () => {
  test('is the route’s when it names one, else the owner’s, else English', () => {
    const germanOwner = { ...usageDeclining, owner: { name: 'Elin Berg', locale: 'de' as const } };
    expect(alertLocale(usageDeclining)).toBe('en');
    expect(alertLocale(germanOwner)).toBe('de');
    expect(alertLocale(germanOwner, 'en')).toBe('en');
    expect(formatAlertForTerminal(germanOwner, false).startsWith('NEU Nutzung rückläufig')).toBe(true);
    expect(slackOf(germanOwner, 'en').text.startsWith(':warning: OPENED')).toBe(true);
  });

  test('money, numbers and dates follow the language', () => {
    expect(translator('en').money('48000.50', 'EUR')).toBe('€48,001');
    expect(translator('de').money('48000.50', 'EUR')).toBe('48.001\u00a0€');
    expect(translator('de').money('999', 'USD')).toBe('999\u00a0$');
    expect(translator('en').date('2026-03-01')).toBe('Mar 1, 2026');
    expect(translator('de').date('2026-03-01T23:30:00Z')).toBe('01.03.2026');
    expect(stakes({ ...usageDeclining, renewalDate: '2026-10-01' }, translator('en'))).toContain('renewal Oct 1, 2026');
  });
});
