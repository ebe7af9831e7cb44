import type { SupportedLocale } from '@churnwatch/contracts';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { catalogues, type MessageId } from './catalogues.ts';

type Values = Record<string, string | number | boolean | Date>;

/** Formats one language: catalogue messages, and numbers, money, dates and lists by that language's rules. */
export interface Translator {
  readonly locale: SupportedLocale;
  text(id: MessageId, values?: Values): string;
  /** A calendar date or instant (ISO-8601) as that language writes a date, in UTC. */
  date(iso: string): string;
  /** An instant (ISO-8601) as that language writes a date and time, in UTC, with the zone named. */
  dateTime(iso: string): string;
  /** A number as that language writes it, with `minFractionDigits` (default 0) to `maxFractionDigits` (default 3) decimals. */
  number(value: number, maxFractionDigits?: number, minFractionDigits?: number): string;
  /** Money in whole units, e.g. "€48,001" or "48.001 €"; the exact amount stays in the alert. */
  money(amount: string, currency: string): string;
  /** "a, b and c" / "a, b und c". */
  list(items: readonly string[]): string;
}

/** What to do when a message cannot be formatted: a test wants to fail, a running service to fall back to English. */
export type FormatFailure = (error: Error) => void;

const cache = createIntlCache();
const intls = new Map<SupportedLocale, IntlShape>();

function intlOf(locale: SupportedLocale, onFailure: FormatFailure | undefined): IntlShape {
  const create = () =>
    createIntl({ locale, defaultLocale: 'en', messages: catalogues[locale], onError: (error) => onFailure?.(error), timeZone: 'UTC' }, cache);
  if (onFailure !== undefined) return create();
  const intl = intls.get(locale) ?? create();
  intls.set(locale, intl);
  return intl;
}

/**
 * The translator for `locale`. A message missing from a catalogue falls back to the English text
 * (the typed catalogues make that a type error, and the catalogue test a failing test); pass
 * `onFailure` to hear of it instead.
 */
export function translator(locale: SupportedLocale, onFailure?: FormatFailure): Translator {
  const intl = intlOf(locale, onFailure);
  return {
    locale,
    text: (id, values) => intl.formatMessage({ id, defaultMessage: catalogues.en[id] }, values),
    date: (iso) => intl.formatDate(iso.length === 10 ? `${iso}T00:00:00Z` : iso, { dateStyle: 'medium' }),
    dateTime: (iso) =>
      intl.formatDate(iso, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }),
    number: (value, maxFractionDigits = 3, minFractionDigits = 0) =>
      intl.formatNumber(value, { minimumFractionDigits: minFractionDigits, maximumFractionDigits: Math.max(minFractionDigits, maxFractionDigits) }),
    money: (amount, currency) => {
      const value = Number(amount);
      return Number.isFinite(value) ? intl.formatNumber(value, { style: 'currency', currency, maximumFractionDigits: 0 }) : `${currency} ${amount}`;
    },
    list: (items) => intl.formatList(items, { type: 'conjunction' }),
  };
}
