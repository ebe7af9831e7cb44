import type { SupportedLocale } from '@churnwatch/contracts';
import { describe, expect, test } from 'vitest';
import { catalogues, type MessageId, renderAlert, translator } from '../src/index.ts';
import { openAlerts, resolvedAlerts } from './fixtures.ts';

const fail = (error: Error) => {
  throw error;
};

describe('message catalogues', () => {
  test('German has exactly the English keys', () => {
    expect(Object.keys(catalogues.de).sort()).toEqual(Object.keys(catalogues.en).sort());
  });

  test('every German text is translated: only the language-neutral patterns equal the English ones', () => {
    const same = (Object.keys(catalogues.en) as MessageId[]).filter((id) => catalogues.de[id] === catalogues.en[id]);
    expect(same).toEqual(['customer.named', 'headline']);
  });

  test('a message missing from a catalogue is reported, and the reader gets the English text rather than a key', () => {
    const failures: string[] = [];
    const tr = translator('de', (error) => failures.push(error.message));
    expect(tr.text('no.such.message' as MessageId)).toBe('no.such.message');
    expect(failures.join()).toMatch(/Missing message: "no.such.message" for locale "de"/);
    expect(translator('de').text('kind.usage_stopped')).toBe('Nutzung eingestellt');
  });

  for (const locale of ['en', 'de'] as SupportedLocale[]) {
    test(`every alert kind and step renders in ${locale} from the catalogue, without a formatting failure`, () => {
      for (const alert of [...openAlerts, ...resolvedAlerts]) {
        // The detection's English sentence is only a fallback for evidence this package does not know.
        const rendered = renderAlert({ ...alert, summary: 'fallback' }, locale, fail);
        expect(rendered.summary, `${alert.kind} ${alert.status}`).not.toBe('fallback');
        expect(rendered.summary.length).toBeGreaterThan(10);
      }
    });
  }

  test('the German and the English sentence of every alert differ', () => {
    for (const alert of [...openAlerts, ...resolvedAlerts]) {
      const en = renderAlert(alert, 'en', fail);
      const de = renderAlert(alert, 'de', fail);
      expect(de.headline).not.toBe(en.headline);
      expect(de.summary).not.toBe(en.summary);
      expect(de.stakes).not.toEqual(en.stakes);
    }
  });
});
