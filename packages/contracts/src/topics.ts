import type { z } from 'zod';
import { alertControlV1 } from './inputs/alert-control.ts';
import { complaintEventV1 } from './inputs/complaint.ts';
import { customerProfileV1 } from './inputs/customer-profile.ts';
import { feedbackEventV1 } from './inputs/feedback.ts';
import { purchaseEventV1 } from './inputs/purchase.ts';
import { usageEventV1 } from './inputs/usage.ts';
import { churnRiskAlertV1 } from './outputs/alert.ts';
import { customerHealthV1 } from './outputs/customer-health.ts';
import { deadLetterV1 } from './outputs/dead-letter.ts';
import { failedNotificationV1 } from './outputs/failed-notification.ts';

export interface TopicContract<Versions extends Record<number, z.ZodType> = Record<number, z.ZodType>> {
  /** Logical name used in code and configuration. */
  readonly name: string;
  /** Topic name unless configuration says otherwise. */
  readonly defaultTopic: string;
  /** `event`: a stream of facts; `table`: compacted, latest value per key (null deletes). */
  readonly shape: 'event' | 'table';
  readonly direction: 'input' | 'output';
  readonly description: string;
  /** Schemas by `schemaVersion`; the highest is what churnwatch writes. */
  readonly versions: Versions;
  /** Value field that must equal the record key. Default `customerId`; '' means no such check. */
  readonly keyField?: string;
  /** Value field holding the ISO-8601 event time. Default `eventTime`; '' means the Kafka record timestamp. */
  readonly eventTimeField?: string;
  /** Value field holding the producer's event id, for duplicate detection. Default `eventId` on event topics, none on tables. */
  readonly eventIdField?: string;
}

function contract<const V extends Record<number, z.ZodType>>(spec: TopicContract<V>): TopicContract<V> {
  return spec;
}

export const topicContracts = {
  purchases: contract({
    name: 'purchases',
    defaultTopic: 'purchases',
    shape: 'event',
    direction: 'input',
    description: 'Orders and contract facts, keyed by customer id.',
    versions: { 1: purchaseEventV1 },
  }),
  usage: contract({
    name: 'usage',
    defaultTopic: 'usage',
    shape: 'event',
    direction: 'input',
    description: 'Product usage, keyed by customer id.',
    versions: { 1: usageEventV1 },
  }),
  complaints: contract({
    name: 'complaints',
    defaultTopic: 'complaints',
    shape: 'event',
    direction: 'input',
    description: 'Complaint life-cycle events, keyed by customer id.',
    versions: { 1: complaintEventV1 },
  }),
  feedback: contract({
    name: 'feedback',
    defaultTopic: 'feedback',
    shape: 'event',
    direction: 'input',
    description: 'NPS answers, keyed by customer id.',
    versions: { 1: feedbackEventV1 },
  }),
  customerProfiles: contract({
    name: 'customerProfiles',
    defaultTopic: 'customer-profiles',
    shape: 'table',
    direction: 'input',
    description: 'CRM facts per customer (owner, segment, plan, contract value); compacted.',
    versions: { 1: customerProfileV1 },
    eventTimeField: 'updatedAt',
  }),
  alerts: contract({
    name: 'alerts',
    defaultTopic: 'churnwatch.alerts',
    shape: 'event',
    direction: 'output',
    description: 'Churn-risk alerts and their life cycle, keyed by customer id.',
    versions: { 1: churnRiskAlertV1 },
  }),
  customerHealth: contract({
    name: 'customerHealth',
    defaultTopic: 'churnwatch.customer-health',
    shape: 'table',
    direction: 'output',
    description: 'Latest health score per customer with its factors; compacted.',
    versions: { 1: customerHealthV1 },
    eventTimeField: 'asOf',
  }),
  deadLetters: contract({
    name: 'deadLetters',
    defaultTopic: 'churnwatch.dead-letters',
    shape: 'event',
    direction: 'output',
    description: 'Rejected input records with the reason and the original bytes, keyed by the original key.',
    versions: { 1: deadLetterV1 },
    keyField: '',
    eventTimeField: 'rejectedAt',
    eventIdField: '',
  }),
  control: contract({
    name: 'control',
    defaultTopic: 'churnwatch.control',
    shape: 'event',
    direction: 'input',
    description: 'Actions people and tools take on alerts (snooze, unsnooze, acknowledge, assign, resolve), keyed by customer id.',
    versions: { 1: alertControlV1 },
  }),
  failedNotifications: contract({
    name: 'failedNotifications',
    defaultTopic: 'churnwatch.notifications.failed',
    shape: 'event',
    direction: 'output',
    description: 'Alerts and digests the notifier could not deliver over a route, with the reason and the original record.',
    versions: { 1: failedNotificationV1 },
    keyField: '',
    eventTimeField: 'failedAt',
    eventIdField: '',
  }),
} as const;

export type TopicName = keyof typeof topicContracts;

/** The field roles of a contract, with the defaults filled in; an empty string means "none". */
export function contractFields(contract: TopicContract): { keyField: string; eventTimeField: string; eventIdField: string } {
  return {
    keyField: contract.keyField ?? 'customerId',
    eventTimeField: contract.eventTimeField ?? 'eventTime',
    eventIdField: contract.eventIdField ?? (contract.shape === 'event' ? 'eventId' : ''),
  };
}

/** The version churnwatch writes: the highest one. */
export function latestVersion(contract: TopicContract): number {
  return Math.max(...Object.keys(contract.versions).map(Number));
}
