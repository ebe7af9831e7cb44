import type { ComplaintEventV1, CustomerProfileV1, FeedbackEventV1, PurchaseEventV1 } from '@churnwatch/contracts';
import type { Seasonality } from '../calendar/seasonality.ts';
import type { Cohort, Segment } from './cohorts.ts';

/**
 * What the simulator decides about a customer before any event is generated: its story, its sparse
 * events and its ground truth. Days are simulated days (0 = the start date).
 */
export interface CustomerPlan {
  /** Position among the customers, 0-based; also the tie-break between customers. */
  readonly index: number;
  readonly customerId: string;
  /** Prefix of every id this customer's events carry: `s<seed>-<customerId>`. */
  readonly idBase: string;
  /** Null for customers that never use the product (the buyer cohorts). */
  readonly usage: UsagePlan | null;
  /** Purchases, complaints, feedback and profiles, in time order; usage is drawn day by day. */
  readonly sparse: readonly SparseDraft[];
  readonly outcome: CustomerOutcome;
}

export interface UsagePlan {
  /** Expected sessions on an ordinary weekday at the start, usage scale applied. */
  readonly sessionsPerWeekday: number;
  /** Gamma shape of the day-to-day noise: variance of a day's count is mean + mean² / dispersion. */
  readonly dispersion: number;
  readonly seats: number;
  /** Local business hours shift by this offset from UTC (whole hours). */
  readonly utcOffsetHours: number;
  readonly seasonality: Seasonality;
  /** Slow drift: expected volume is multiplied by exp(trendPerYear × day / 365). */
  readonly trendPerYear: number;
  readonly decline: Decline | null;
  /** First day without any usage, for good; null if usage never stops. */
  readonly stopDay: number | null;
  readonly features: readonly string[];
}

/** Expected volume falls from its level at `startDay` to `floorFactor` of it at `endDay`, then stays. */
export interface Decline {
  readonly startDay: number;
  readonly endDay: number;
  readonly floorFactor: number;
  /** 1: linear; 2: steep at first, then flattening. */
  readonly curvature: number;
}

type Envelope = 'schemaVersion' | 'eventId' | 'customerId' | 'eventTime';

/** A sparse event decided in advance, without the envelope fields added when it is emitted. */
export type SparseDraft =
  | { readonly kind: 'purchase'; readonly timeMs: number; readonly fields: Omit<PurchaseEventV1, Envelope> }
  | { readonly kind: 'complaint'; readonly timeMs: number; readonly fields: Omit<ComplaintEventV1, Envelope> }
  | { readonly kind: 'feedback'; readonly timeMs: number; readonly fields: Omit<FeedbackEventV1, Envelope> }
  | { readonly kind: 'customer_profile'; readonly timeMs: number; readonly fields: Omit<CustomerProfileV1, 'schemaVersion' | 'customerId' | 'updatedAt'> };

export const churnReasons = ['inactivity', 'contract_ended', 'lapsed'] as const;
export type ChurnReason = (typeof churnReasons)[number];

/** Ground truth for one customer: one line of the outcomes file (see the package README). */
export interface CustomerOutcome {
  readonly customerId: string;
  readonly cohort: Cohort;
  readonly churned: boolean;
  /** YYYY-MM-DD; null when the customer did not churn. */
  readonly churnDate: string | null;
  /** YYYY-MM-DD: the first day the problem shows in the data; null when nothing shows. */
  readonly problemStart: string | null;
  readonly secondaryCohorts: readonly Cohort[];
  readonly segment: Segment;
  readonly churnReason: ChurnReason | null;
}
