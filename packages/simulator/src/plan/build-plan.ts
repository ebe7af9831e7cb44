import type { Seasonality } from '../calendar/seasonality.ts';
import { compareEvents } from '../events/simulated-event.ts';
import { bernoulli, uniform } from '../random/distributions.ts';
import { Prng } from '../random/prng.ts';
import { assignCohorts, type Membership } from './assign-cohorts.ts';
import { buyerPurchases } from './buyer-terms.ts';
import { backgroundComplaints, burstComplaints, complaintDrafts } from './complaints.ts';
import { isoDateOfDay, type PlanContext } from './context.ts';
import { contractPurchases } from './contract-purchases.ts';
import { type CustomerBase, drawCustomerBase } from './customer-base.ts';
import type { CustomerOutcome, CustomerPlan, UsagePlan } from './customer-plan.ts';
import { feedbackDrafts } from './feedback.ts';
import { profileDrafts } from './profile.ts';
import { drawStory } from './stories.ts';
import type { Story } from './story.ts';
import { streams } from './streams.ts';

/** Plans of all customers, in index order. Pure: the same context always gives the same plans. */
export function buildPlans(context: PlanContext): CustomerPlan[] {
  return assignCohorts(context.options).map((membership, index) => buildCustomerPlan(context, index, membership));
}

export function buildCustomerPlan(context: PlanContext, index: number, membership: Membership): CustomerPlan {
  const rng = Prng.create(context.options.seed, streams.plan, index);
  const base = drawCustomerBase(context, rng, index);
  const story = drawStory(context, rng, base, membership.cohort, membership.secondary);
  const usage = story.usage && usagePlan(context, rng, base, story.usage, membership.cohort === 'healthy');
  const complaints = [
    ...burstComplaints(context, rng, base, story.complaintBurstDays, story.complaintsChurning, story.endDay),
    ...(story.usage ? backgroundComplaints(context, rng, base, story.endDay) : []),
  ];
  const [plan, annualValueCents] = accountValue(story, base);
  const sparse = [
    ...profileDrafts(context, rng, base, plan, annualValueCents),
    ...(story.contract ? contractPurchases(context, rng, story.contract, base.idBase) : []),
    ...(story.buyer ? buyerPurchases(context, rng, story.buyer, base.idBase) : []),
    ...complaintDrafts(context, complaints, base.idBase),
    ...(bernoulli(rng, context.options.feedbackShare) ? feedbackDrafts(context, rng, base, story) : []),
  ].sort(compareEvents);
  return { index, customerId: base.customerId, idBase: base.idBase, usage, sparse, outcome: outcomeOf(context, base, membership, story) };
}

function usagePlan(context: PlanContext, rng: Prng, base: CustomerBase, usage: NonNullable<Story['usage']>, healthy: boolean): UsagePlan {
  return {
    sessionsPerWeekday: base.sessionsPerWeekday,
    dispersion: 5,
    seats: base.seats,
    utcOffsetHours: base.utcOffsetHours,
    seasonality: usage.seasonal ? seasonalPattern(context) : ordinaryPattern(rng),
    trendPerYear: healthy ? uniform(rng, -0.1, 0.3) : uniform(rng, -0.05, 0.15),
    decline: usage.decline,
    stopDay: usage.stopDay,
    features: base.features,
  };
}

/** Business software: quieter weekends, a dip over the year-end holidays. */
function ordinaryPattern(rng: Prng): Seasonality {
  const weekend = uniform(rng, 0.7, 1.3);
  return { weekly: [0.25 * weekend, 1.05, 1, 1, 1, 0.9, 0.35 * weekend], yearEndFactor: 0.55, summerFactor: 1 };
}

/** Strongly seasonal: near-silent weekends, holidays and a summer break that are not churn. */
function seasonalPattern(context: PlanContext): Seasonality {
  const { weekendFactor, yearEndFactor, summerFactor } = context.options.seasonal;
  return { weekly: [weekendFactor, 1.05, 1, 1, 1, 0.95, weekendFactor], yearEndFactor, summerFactor };
}

/** Plan name and annual value for the CRM profile. */
function accountValue(story: Story, base: CustomerBase): [string, number] {
  if (story.contract) return [story.contract.plan, story.contract.monthlyCents * 12];
  if (story.buyer) return ['pay_as_you_go', Math.round((story.buyer.basketCents * 365) / story.buyer.meanIntervalDays)];
  return [base.segment === 'smb' ? 'team' : base.segment === 'mid_market' ? 'business' : 'enterprise', base.annualValueCents];
}

function outcomeOf(context: PlanContext, base: CustomerBase, membership: Membership, story: Story): CustomerOutcome {
  return {
    customerId: base.customerId,
    cohort: membership.cohort,
    churned: story.churnDay !== null,
    churnDate: story.churnDay === null ? null : isoDateOfDay(context, story.churnDay),
    problemStart: story.problemStartDay === null ? null : isoDateOfDay(context, story.problemStartDay),
    secondaryCohorts: membership.secondary === null ? [] : [membership.secondary],
    segment: base.segment,
    churnReason: story.churnReason,
  };
}
