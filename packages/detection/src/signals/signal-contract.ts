import {
  type AlertEvidence,
  alertEvidence,
  alertKinds,
  alertSeverities,
  calendarDate,
  customerId,
  customerValueMethods,
  money,
  type TopicContract,
  timestamp,
} from '@churnwatch/contracts';
import { z } from 'zod';

/** The concerns a monitor can speak for; each maps to one health factor. */
export const signalConcerns = ['usage', 'contract', 'complaints', 'purchases'] as const;
export type SignalConcern = (typeof signalConcerns)[number];

/**
 * Something a monitor found that deserves an alert of `kind`. Present in every signal while it
 * holds; gone when it clears (the monitors apply hysteresis before letting it go).
 */
export const findingV1 = z
  .object({
    kind: z.enum(alertKinds),
    severity: z.enum(alertSeverities),
    since: timestamp.meta({ description: 'Event time at which the problem was first detected; stable while it holds, so it seeds the alert id.' }),
    headline: z.string().min(1).max(300).meta({ description: 'For people: what is wrong, with numbers.' }),
    fingerprint: z.string().max(200).meta({ description: 'The material content of the evidence: a change is new evidence worth an update.' }),
    evidence: z.array(alertEvidence).min(1),
  })
  .strict();
export type Finding = z.infer<typeof findingV1>;

/** Facts a monitor knows that others need for summaries, value at risk and KPIs. All optional. */
export const signalFactsV1 = z
  .object({
    lastUsageAt: timestamp.optional(),
    renewalDate: calendarDate.optional(),
    autoRenew: z.boolean().optional(),
    autoRenewSwitchedOff: z
      .boolean()
      .optional()
      .meta({ description: 'With auto-renew off: true when it was on before for this renewal (switched off), false for a manual renewal by order.' }),
    contractStatus: z.enum(['active', 'cancelled', 'ended']).optional(),
    recurringRevenue: money.extend({ interval: z.enum(['month', 'year']) }).optional(),
    openComplaints: z.number().int().min(0).optional(),
    purchaseCount: z.number().int().min(0).optional(),
    revenue: money.optional().meta({ description: 'Lifetime revenue in the reporting currency.' }),
    customerValue: money.optional().meta({ description: 'Customer lifetime value estimate in the reporting currency.' }),
    customerValueMethod: z.enum(customerValueMethods).optional().meta({ description: 'How customerValue was estimated.' }),
    dormant: z.boolean().optional().meta({ description: 'No activity of this concern for dormantAfterDays: counts towards churn in the KPIs.' }),
  })
  .strict();
export type SignalFacts = z.infer<typeof signalFactsV1>;

export const signalV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: z.string().min(1).max(128).meta({ description: 'Deterministic id of this assessment.' }),
    customerId,
    eventTime: timestamp.meta({ description: 'Event time the assessment describes.' }),
    concern: z.enum(signalConcerns),
    factor: z
      .object({ value: z.number().min(0).max(1), detail: z.string() })
      .strict()
      .nullable()
      .meta({ description: 'This concern’s health factor (0 bad … 1 good); null while the monitor has no opinion.' }),
    detail: z.string().meta({ description: 'The current state in words; used in all-clear summaries.' }),
    evidence: z.array(alertEvidence).meta({ description: 'The latest measurement, also when nothing is wrong.' }),
    findings: z.array(findingV1),
    facts: signalFactsV1,
  })
  .strict()
  .meta({ title: 'ChurnSignal', description: 'A monitor’s current assessment of one concern of one customer; emitted when it changes.' });
export type SignalV1 = z.infer<typeof signalV1>;

/** The internal topic from the monitors to the risk scorer, keyed by customer id. */
export const signalsContract: TopicContract<{ 1: typeof signalV1 }> = {
  name: 'signals',
  defaultTopic: 'churnwatch.signals',
  shape: 'event',
  direction: 'output',
  description: 'Internal: each monitor’s assessment of its concern per customer, read by the risk scorer.',
  versions: { 1: signalV1 },
};

export type { AlertEvidence };
