import { describe, expect, it } from 'vitest';
import { pageLocale, withLocale } from './page-locale.ts';

const at = (address: string) => new URL(address, 'http://page');

describe('page language', () => {
  it('takes ?lang=, else the browser’s first language churnwatch writes, else English', () => {
    expect(pageLocale(at('/?lang=de'), { 'accept-language': 'en-GB' })).toBe('de');
    expect(pageLocale(at('/?lang=fr'), { 'accept-language': 'fr-CH, de-CH;q=0.8, en;q=0.5' })).toBe('de');
    expect(pageLocale(at('/'), { 'accept-language': 'fr, it' })).toBe('en');
    expect(pageLocale(at('/'), {})).toBe('en');
  });

  it('shows a customer in its owner’s language unless the address chose one', () => {
    expect(pageLocale(at('/customers/x'), { 'accept-language': 'en-US' }, 'de')).toBe('de');
    expect(pageLocale(at('/customers/x?lang=en'), {}, 'de')).toBe('en');
    expect(pageLocale(at('/customers/x'), { 'accept-language': 'de' }, null)).toBe('de');
    expect(pageLocale(at('/customers/x'), {}, 'xx')).toBe('en');
  });

  it('keeps a chosen language on the next address', () => {
    expect(withLocale('/customers/x?done=snooze', at('/?lang=de'))).toBe('/customers/x?done=snooze&lang=de');
    expect(withLocale('/customers/x', at('/?lang=xx'))).toBe('/customers/x');
  });
});
