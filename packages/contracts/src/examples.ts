import type { AlertControlV1 } from './inputs/alert-control.ts';
import type { ComplaintEventV1 } from './inputs/complaint.ts';
import type { CustomerProfileV1 } from './inputs/customer-profile.ts';
import type { FeedbackEventV1 } from './inputs/feedback.ts';
import type { PurchaseEventV1 } from './inputs/purchase.ts';
import type { UsageEventV1 } from './inputs/usage.ts';
import type { ChurnRiskAlertV1 } from './outputs/alert.ts';
import type { CustomerHealthV1 } from './outputs/customer-health.ts';
import type { DeadLetterV1 } from './outputs/dead-letter.ts';
import type { FailedNotificationV1 } from './outputs/failed-notification.ts';
import type { TopicName } from './topics.ts';

/**
 * One valid value per topic (version 1). Published as the AsyncAPI message examples and used by
 * tests and the benchmark as the starting point for valid and broken records.
 */
export const contractExamples = {
  purchases: {
    schemaVersion: 1,
    eventId: 'ord-20260301-0042',
    customerId: 'cust-0042',
    eventTime: '2026-03-01T09:30:00Z',
    orderId: 'SO-77812',
    amount: { amount: '1250.00', currency: 'EUR' },
    subscription: {
      subscriptionId: 'sub-0042-a',
      plan: 'business',
      termMonths: 12,
      renewalDate: '2027-03-01',
      autoRenew: false,
      recurringRevenue: { amount: '15000.00', currency: 'EUR', interval: 'year' },
      status: 'active',
    },
  } satisfies PurchaseEventV1,
  usage: {
    schemaVersion: 1,
    eventId: 'use-cust-0042-2026-03-01-sessions',
    customerId: 'cust-0042',
    eventTime: '2026-03-01T23:59:59+01:00',
    metric: 'sessions',
    quantity: 37,
    feature: 'reports',
  } satisfies UsageEventV1,
  complaints: {
    schemaVersion: 1,
    eventId: 'cmp-9911-opened',
    customerId: 'cust-0042',
    complaintId: 'TCK-9911',
    eventTime: '2026-03-02T14:05:00Z',
    status: 'opened',
    severity: 'high',
    channel: 'email',
    category: 'billing',
  } satisfies ComplaintEventV1,
  feedback: {
    schemaVersion: 1,
    eventId: 'nps-2026q1-0042',
    customerId: 'cust-0042',
    eventTime: '2026-03-03T08:00:00Z',
    score: 6,
    comment: 'Reports are slow since the last release.',
  } satisfies FeedbackEventV1,
  customerProfiles: {
    schemaVersion: 1,
    customerId: 'cust-0042',
    updatedAt: '2026-02-28T18:00:00Z',
    name: 'Example GmbH',
    owner: { name: 'Dana Owner', email: 'dana@example.com', slackHandle: '@dana', locale: 'de' },
    segment: 'enterprise',
    plan: 'business',
    contractValue: { amount: '15000.00', currency: 'EUR' },
  } satisfies CustomerProfileV1,
  alerts: {
    schemaVersion: 1,
    alertId: 'usage_declining:cust-0042:2026-03-01',
    eventId: 'usage_declining:cust-0042:2026-03-01:opened',
    customerId: 'cust-0042',
    customerName: 'Example GmbH',
    kind: 'usage_declining',
    status: 'opened',
    severity: 'warning',
    openedAt: '2026-03-08T00:00:00Z',
    eventTime: '2026-03-08T00:00:00Z',
    summary: 'Sessions fell 62% against the 8-week baseline; renewal on 2027-03-01.',
    evidence: [
      {
        detector: 'usage-decline',
        ruleVersion: '1',
        window: { from: '2026-03-01T00:00:00Z', to: '2026-03-08T00:00:00Z' },
        baseline: { from: '2026-01-04T00:00:00Z', to: '2026-03-01T00:00:00Z' },
        observed: { sessionsPerDay: 12.5, expectedPerDay: 33 },
        thresholds: { maxPValue: 0.01 },
        statistic: { name: 'poisson_lower_tail_p', value: 0.00012 },
      },
    ],
    healthScore: 41,
    valueAtRisk: { amount: '15000.00', currency: 'EUR', basis: 'recurring_revenue' },
    renewalDate: '2027-03-01',
    segment: 'enterprise',
    owner: { name: 'Dana Owner', email: 'dana@example.com' },
  } satisfies ChurnRiskAlertV1,
  customerHealth: {
    schemaVersion: 1,
    customerId: 'cust-0042',
    asOf: '2026-03-08T00:00:00Z',
    score: 41,
    band: 'at_risk',
    factors: [{ factor: 'usage_trend', weight: 0.5, value: 0.2, points: 10, detail: 'sessions 62% below baseline' }],
    openAlerts: ['usage_declining'],
    segment: 'enterprise',
    renewalDate: '2027-03-01',
    recurringRevenue: { amount: '15000.00', currency: 'EUR', interval: 'year' },
  } satisfies CustomerHealthV1,
  deadLetters: {
    schemaVersion: 1,
    reason: 'schema_violation',
    message: 'quantity: Invalid input: expected number, received string',
    fields: ['quantity'],
    source: { topic: 'usage', partition: 3, offset: '18231' },
    consumer: 'usage-service',
    rejectedAt: '2026-03-01T10:00:00.000Z',
    original: {
      key: 'Y3VzdC0wMDQy',
      value: 'eyJxdWFudGl0eSI6ImxvdHMifQ==',
      headers: [{ key: 'source', value: 'Y3Jt' }],
      timestamp: '1772359200000',
    },
  } satisfies DeadLetterV1,
  control: {
    schemaVersion: 1,
    eventId: 'act-7f3a9c',
    customerId: 'cust-0042',
    eventTime: '2026-03-08T09:15:00Z',
    action: 'snooze',
    kind: 'usage_declining',
    alertId: 'usage_declining:cust-0042:2026-03-01',
    until: '2026-03-15T09:15:00Z',
    reason: 'Customer on holiday; call booked for the 16th.',
    requestedBy: 'dana@example.com',
    source: 'slack',
  } satisfies AlertControlV1,
  failedNotifications: {
    schemaVersion: 1,
    route: 'cs-webhook',
    channel: 'webhook',
    reason: 'gave up after 6 attempts: HTTP 503',
    attempts: 6,
    alertEventId: 'usage_declining:cust-0042:2026-03-01:opened',
    source: { topic: 'churnwatch.alerts', partition: 3, offset: '1822' },
    failedAt: '2026-03-08T00:05:00.000Z',
    original: 'eyJzY2hlbWFWZXJzaW9uIjoxfQ==',
  } satisfies FailedNotificationV1,
} as const satisfies Record<TopicName, unknown>;
