import { z } from 'zod';

/** Identifier chosen by the producer; repeated ids are the same event sent again. */
export const eventId = z.string().min(1).max(128).meta({ description: 'Producer-chosen id, unique per event; a retried send repeats it.' });

/** The record key of every customer-keyed topic. */
export const customerId = z.string().min(1).max(128).meta({ description: 'Customer id; also the Kafka record key.' });

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
