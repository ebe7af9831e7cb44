import { customerId, eventId, type TopicContract, timestamp, token } from '@churnwatch/contracts';
import { z } from 'zod';

/**
 * One customer's contribution to its segment's retention KPIs, as the risk scorer sees it.
 * Money is in whole cents of the reporting currency.
 */
export const kpiRowV1 = z
  .object({
    active: z.boolean().meta({ description: 'A live contract, or (without one) usage or purchases within dormantAfterDays.' }),
    activeSince: timestamp.nullable().meta({ description: 'Start of the current active spell; null while inactive.' }),
    mrrCents: z.number().int().min(0).meta({ description: 'Monthly recurring revenue while active.' }),
    purchaseCount: z.number().int().min(0),
    revenueCents: z.number().int(),
    clvCents: z.number().int().nullable().meta({ description: 'Customer lifetime value estimate; null without purchases.' }),
    npsScore: z.number().int().min(0).max(10).nullable().meta({ description: 'Latest NPS answer.' }),
  })
  .strict();
export type KpiRow = z.infer<typeof kpiRowV1>;

/**
 * A change of one customer's row in one segment: `before` is retracted, `after` added (the
 * subtract-then-add of a table aggregation). A customer moving segment sends two changes: one
 * leaving the old segment (after: null), one joining the new (before: null).
 */
export const kpiChangeV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId,
    segment: token,
    customerId,
    eventTime: timestamp,
    before: kpiRowV1.nullable(),
    after: kpiRowV1.nullable(),
  })
  .strict()
  .meta({ title: 'KpiChange', description: 'A customer’s contribution to its segment’s KPIs, retracted and re-added; keyed by segment.' });
export type KpiChangeV1 = z.infer<typeof kpiChangeV1>;

const rate = z.number().nullable();

/** The KPIs of one segment for one period, as of `asOf`; `final` once the period has closed. */
export const retentionKpisV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId,
    segment: token,
    period: z.object({ from: timestamp, to: timestamp }).strict(),
    asOf: timestamp,
    final: z.boolean(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    customers: z
      .object({
        atStart: z.number().int().meta({ description: 'S: active at the start of the period.' }),
        atEnd: z.number().int().meta({ description: 'E: active now (at the end, once final).' }),
        acquired: z.number().int().meta({ description: 'N: active now but not at the start (new or won back).' }),
        lost: z.number().int().meta({ description: 'Active at the start, not any more.' }),
        purchasers: z.number().int(),
        repeatPurchasers: z.number().int(),
      })
      .strict(),
    mrrCents: z
      .object({ atStart: z.number().int(), current: z.number().int(), expansion: z.number().int(), contraction: z.number().int(), churned: z.number().int() })
      .strict(),
    npsAnswers: z.object({ promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int() }).strict(),
    retentionRate: rate.meta({ description: 'CRR = (E − N) / S.' }),
    churnRate: rate.meta({ description: 'Lost / S.' }),
    repeatPurchaseRate: rate.meta({ description: 'Customers with ≥ 2 purchases / customers with ≥ 1.' }),
    netDollarRetention: rate.meta({ description: '(start MRR + expansion − contraction − churned MRR) / start MRR.' }),
    nps: rate.meta({ description: '% promoters − % detractors, −100 … 100.' }),
    customerLifetimeValueCents: rate.meta({ description: 'Mean CLV of the customers with purchases.' }),
  })
  .strict()
  .meta({ title: 'RetentionKpis', description: 'Retention KPIs of one segment; a compacted table keyed by segment.' });
export type RetentionKpisV1 = z.infer<typeof retentionKpisV1>;

/** Internal repartition topic from the risk scorer (keyed by customer) to the KPI aggregator (keyed by segment). */
export const kpiChangesContract: TopicContract<{ 1: typeof kpiChangeV1 }> = {
  name: 'kpi',
  defaultTopic: 'churnwatch.kpi-changes',
  shape: 'event',
  direction: 'output',
  description: 'Internal: per-customer KPI contributions, keyed by segment (a repartition).',
  versions: { 1: kpiChangeV1 },
  keyField: 'segment',
};

export const retentionKpisContract: TopicContract<{ 1: typeof retentionKpisV1 }> = {
  name: 'retentionKpis',
  defaultTopic: 'churnwatch.retention-kpis',
  shape: 'table',
  direction: 'output',
  description: 'Retention KPIs per segment and period; compacted, keyed by segment.',
  versions: { 1: retentionKpisV1 },
  keyField: 'segment',
  eventTimeField: 'asOf',
};
