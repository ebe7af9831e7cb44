import { z } from 'zod';
import { calendarDate, customerId, locale, money, timestamp, token } from '../common.ts';

export const alertKinds = ['usage_declining', 'usage_stopped', 'renewal_upcoming', 'renewal_at_risk', 'complaint_escalation', 'purchase_lapse'] as const;
export type AlertKind = (typeof alertKinds)[number];

/** How a customer lifetime value was estimated (see valueAtRisk.method). */
export const customerValueMethods = ['purchase_models', 'order_rate', 'revenue_to_date'] as const;
export type CustomerValueMethod = (typeof customerValueMethods)[number];

export const alertSeverities = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

/** One measured fact behind an alert: a number with its unit, or a date/label. */
export const evidenceValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const alertEvidence = z
  .object({
    detector: z.string().min(1).meta({ description: 'Which detector decided, e.g. usage-decline.' }),
    ruleVersion: z.string().min(1),
    window: z.object({ from: timestamp, to: timestamp }).strict().optional().meta({ description: 'The observed window (event time).' }),
    baseline: z.object({ from: timestamp, to: timestamp }).strict().optional().meta({ description: 'The window the observation is compared against.' }),
    observed: z.record(z.string(), evidenceValue).meta({ description: 'Measured values, e.g. { usagePerDay: 12.5, expectedPerDay: 33 }.' }),
    thresholds: z.record(z.string(), evidenceValue).meta({ description: 'The configured thresholds the observation crossed.' }),
    statistic: z
      .object({ name: z.string(), value: z.number() })
      .strict()
      .optional()
      .meta({ description: 'Test statistic, e.g. { name: "poisson_lower_tail_p", value: 0.00012 }.' }),
  })
  .strict();
export type AlertEvidence = z.infer<typeof alertEvidence>;

/** One action a person or tool took on an alert (from the control topic), as carried in the alert's history. */
export const alertHistoryEntry = z
  .object({
    action: z.enum(['snooze', 'unsnooze', 'acknowledge', 'assign', 'resolve']),
    by: z.string().meta({ description: 'Who acted, as the control event named them (`unknown` when it did not).' }),
    at: timestamp.meta({ description: 'When the action was taken.' }),
    source: z.string().optional().meta({ description: 'Where: api, slack, teams, cli, account_page or other.' }),
    until: timestamp.optional().meta({ description: 'End of a snooze.' }),
    assignee: z.string().optional().meta({ description: 'Who the alert was assigned to.' }),
  })
  .strict();
export type AlertHistoryEntry = z.infer<typeof alertHistoryEntry>;

export const churnRiskAlertV1 = z
  .object({
    schemaVersion: z.literal(1),
    alertId: z.string().min(1).max(128).meta({ description: 'Deterministic: the same problem of the same customer always has the same id, also on replay.' }),
    eventId: z.string().min(1).max(160).meta({ description: 'Deterministic id of this life-cycle step (alertId plus step); consumers deduplicate on it.' }),
    customerId,
    customerName: z.string().min(1).max(256).optional().meta({
      description:
        'The customer\'s display name (customer-profiles `name`) when the profile has one; channels show "name (id)". Free text: escape it for where it is shown.',
    }),
    kind: z.enum(alertKinds),
    status: z
      .enum(['opened', 'escalated', 'updated', 'resolved'])
      .meta({ description: 'Life-cycle step: resolved closes the alert, an all-clear unless its resolution says otherwise.' }),
    resolution: z.enum(['all_clear', 'contract_ended', 'closed_by_hand']).optional().meta({
      description:
        'On a resolved step, why it closed: all_clear, the problem is gone; contract_ended, the contract ended and the customer left, so there is nothing left to follow (not an all-clear); closed_by_hand, a person resolved it (see history), and the kind is looked at again after its cooldown.',
    }),
    severity: z.enum(alertSeverities),
    openedAt: timestamp.meta({ description: 'Event time at which the problem was first detected.' }),
    eventTime: timestamp.meta({ description: 'Event time of this step.' }),
    summary: z.string().min(1).max(500).meta({ description: 'One line a CS manager can read.' }),
    evidence: z.array(alertEvidence).min(1),
    healthScore: z.number().min(0).max(100).optional(),
    valueAtRisk: money
      .extend({
        basis: z.enum(['recurring_revenue', 'contract_value', 'customer_lifetime_value']),
        method: z.enum(customerValueMethods).optional().meta({
          description:
            'For a customer lifetime value, how it was estimated: purchase_models (Gamma-Gamma expected order value × BG/NBD expected purchases over a horizon, discounted), order_rate (average order × purchases a year × expected years), revenue_to_date (no purchase rate known yet: what was bought so far).',
        }),
      })
      .optional()
      .meta({ description: 'What the company stands to lose, and how it was worked out.' }),
    valueAtRiskUnknown: z.string().min(1).max(200).optional().meta({ description: 'Present when valueAtRisk is absent: why no value is known.' }),
    renewalDate: calendarDate.optional(),
    openComplaints: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: "The customer's open complaints at this step, once the complaint monitor has reported on the customer." }),
    segment: token,
    owner: z
      .object({ name: z.string(), email: z.string().optional(), slackHandle: z.string().optional(), locale: locale.optional() })
      .strict()
      .optional()
      .meta({ description: 'The account owner from the customer profile; `locale` is the language alerts to them are written in (English when absent).' }),
    history: z.array(alertHistoryEntry).optional().meta({ description: 'Actions taken on this alert so far (acknowledge, snooze, assign, …), oldest first.' }),
  })
  .strict()
  .meta({ title: 'ChurnRiskAlert', description: 'A churn-risk alert and its life-cycle steps (opened, escalated, updated, resolved).' });
export type ChurnRiskAlertV1 = z.infer<typeof churnRiskAlertV1>;
