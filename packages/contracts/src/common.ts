import { z } from 'zod';

/**
 * Characters an identifier must not hold: control characters (C0, DEL, C1), the bidirectional
 * marks, embeddings, overrides and isolates, and the line and paragraph separators. Ids are shown
 * to people in every channel; these would reorder, hide or break what the person reads.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const unsafeIdCharacters = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;
const safeIdentifierPattern = new RegExp(`^[^${unsafeIdCharacters.source.slice(1, -1)}]*$`);

/** A producer-chosen identifier: 1–128 characters, none of them a control or bidirectional-override character. */
export function identifier(): z.ZodString {
  return z
    .string()
    .min(1)
    .max(128)
    .regex(
      safeIdentifierPattern,
      'must not contain control characters (U+0000–U+001F, U+007F–U+009F) or bidirectional controls and line separators (U+061C, U+200E, U+200F, U+2028–U+202E, U+2066–U+2069)',
    );
}

/** Identifier chosen by the producer; repeated ids are the same event sent again. */
export const eventId = identifier().meta({
  description: 'Producer-chosen id, unique per event; a retried send repeats it. No control or bidirectional-override characters.',
});

/** The record key of every customer-keyed topic. */
export const customerId = identifier().meta({ description: 'Customer id; also the Kafka record key. No control or bidirectional-override characters.' });

/** The languages churnwatch writes alerts in (BCP 47); English is the default. */
export const supportedLocales = ['en', 'de'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];
export const locale = z.enum(supportedLocales).meta({ description: 'Language for alerts to this person: en (English) or de (German).' });

/** ISO-8601 timestamp with an explicit offset, e.g. 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00. */
export const timestamp = z.iso.datetime({ offset: true }).meta({ description: 'ISO-8601 date-time with an offset (Z or ±hh:mm).' });

/** Calendar date, e.g. a renewal date: 2026-12-31. */
export const calendarDate = z.iso.date().meta({ description: 'ISO-8601 calendar date (YYYY-MM-DD).' });

/** A lower-case token such as a metric, segment or plan name. */
export const token = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/)
  .meta({ description: 'Lower-case token: letters, digits, _ . - (at most 64 characters).' });

/**
 * Money never travels as a binary float: a decimal string with at most four decimals, and an
 * ISO-4217 currency code.
 */
export const money = z
  .object({
    amount: z
      .string()
      .regex(/^-?(0|[1-9]\d{0,14})(\.\d{1,4})?$/)
      .meta({ description: 'Decimal string, at most 4 decimals, e.g. "1250.00".' }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .meta({ description: 'ISO-4217 code, e.g. EUR.' }),
  })
  .strict();
export type Money = z.infer<typeof money>;

/** Fields every input event carries. */
export const eventEnvelope = {
  eventId,
  customerId,
  eventTime: timestamp.meta({ description: 'When it happened at the source (event time drives all windows).' }),
};
