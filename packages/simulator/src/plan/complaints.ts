import { type ComplaintSeverity, complaintSeverities } from '@churnwatch/contracts';
import { bernoulli, choice, exponential, intBetween, poisson, weightedIndex } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { PlanContext } from './context.ts';
import { dayOfInstant, instantOn } from './context.ts';
import type { CustomerBase } from './customer-base.ts';
import type { SparseDraft } from './customer-plan.ts';
import { localHourToUtc } from './hours.ts';

const categories = ['billing', 'performance', 'outage', 'support_response', 'missing_feature', 'data_quality', 'usability', 'onboarding'];
const channels = ['email', 'phone', 'chat', 'web_form', 'in_app', 'social_media'] as const;
const channelWeights = [5, 3, 4, 3, 2, 1];
const msPerHour = 3_600_000;

type Step = { readonly timeMs: number; readonly status: 'opened' | 'updated' | 'resolved'; readonly severity: ComplaintSeverity };

/** One complaint from opening to (maybe) resolution; its events share the complaint id. */
interface Complaint {
  readonly category: string;
  readonly channel: (typeof channels)[number];
  readonly steps: readonly Step[];
}

interface LifecycleShape {
  readonly resolvedShare: number;
  /** Mean time to resolution, hours. */
  readonly meanHoursToResolve: number;
}

function lifecycle(rng: Prng, openedMs: number, severity: ComplaintSeverity, shape: LifecycleShape): Step[] {
  const steps: Step[] = [{ timeMs: openedMs, status: 'opened', severity }];
  const resolved = bernoulli(rng, shape.resolvedShare);
  let atMs = openedMs;
  if (bernoulli(rng, resolved ? 0.5 : 0.6)) {
    atMs += Math.round(msPerHour * (1 + exponential(rng, resolved ? shape.meanHoursToResolve / 2 : 72)));
    // A complaint left open tends to escalate when the customer chases it.
    const escalated = resolved ? severity : escalate(severity);
    steps.push({ timeMs: atMs, status: 'updated', severity: escalated });
  }
  if (resolved) {
    atMs += Math.round(msPerHour * (1 + exponential(rng, shape.meanHoursToResolve)));
    steps.push({ timeMs: atMs, status: 'resolved', severity: steps.at(-1)!.severity });
  }
  return steps;
}

function escalate(severity: ComplaintSeverity): ComplaintSeverity {
  return complaintSeverities[Math.min(complaintSeverities.indexOf(severity) + 1, complaintSeverities.length - 1)] as ComplaintSeverity;
}

/**
 * Bursts of complaints: several within a week, mostly about one recurring category, more severe
 * with each burst. A churning customer sees fewer of them resolved. None opens on or after `endDay`.
 */
export function burstComplaints(
  context: PlanContext,
  rng: Prng,
  base: CustomerBase,
  burstDays: readonly number[],
  churning: boolean,
  endDay: number,
): Complaint[] {
  const { complaining } = context.options;
  const recurring = choice(rng, categories);
  const shape = { resolvedShare: churning ? complaining.resolvedShareChurning : complaining.resolvedShareStaying, meanHoursToResolve: 120 };
  return burstDays.flatMap((burstDay, burst) => {
    const count = intBetween(rng, complaining.complaintsPerBurst[0], complaining.complaintsPerBurst[1]);
    return Array.from({ length: count }, (_, i) => {
      // The first complaint of a burst opens on the burst day itself: that is when the problem shows.
      const day = Math.max(0, Math.min(context.lastDay, endDay - 1, burstDay + (i === 0 ? 0 : intBetween(rng, 0, 6))));
      const level = Math.min(3, Math.max(0, 1 + burst + (i >= count / 2 ? 1 : 0) + (bernoulli(rng, 0.2) ? 1 : 0) - (bernoulli(rng, 0.3) ? 1 : 0)));
      const openedMs = instantOn(context, day, localHourToUtc(intBetween(rng, 8, 18), base.utcOffsetHours), rng);
      return {
        category: bernoulli(rng, 0.75) ? recurring : choice(rng, categories),
        channel: channels[weightedIndex(rng, channelWeights)] as (typeof channels)[number],
        steps: lifecycle(rng, openedMs, complaintSeverities[level] as ComplaintSeverity, shape),
      };
    });
  });
}

/** Isolated complaints any subscription customer has now and then: minor, and quickly resolved. */
export function backgroundComplaints(context: PlanContext, rng: Prng, base: CustomerBase, endDay: number): Complaint[] {
  const activeDays = Math.min(endDay, context.lastDay + 1);
  const count = poisson(rng, (context.options.backgroundComplaintsPerYear * activeDays) / 365);
  return Array.from({ length: count }, () => {
    const day = intBetween(rng, 0, activeDays - 1);
    const openedMs = instantOn(context, day, localHourToUtc(intBetween(rng, 8, 18), base.utcOffsetHours), rng);
    return {
      category: choice(rng, categories),
      channel: channels[weightedIndex(rng, channelWeights)] as (typeof channels)[number],
      steps: lifecycle(rng, openedMs, bernoulli(rng, 0.7) ? 'low' : 'medium', { resolvedShare: 1, meanHoursToResolve: 30 }),
    };
  });
}

/** Numbers complaints in the order they were opened and drops steps after the simulated period. */
export function complaintDrafts(context: PlanContext, complaints: readonly Complaint[], idBase: string): SparseDraft[] {
  const ordered = [...complaints].sort((a, b) => (a.steps[0] as Step).timeMs - (b.steps[0] as Step).timeMs);
  return ordered.flatMap((complaint, n) =>
    complaint.steps
      .filter((step) => dayOfInstant(context, step.timeMs) <= context.lastDay)
      .map((step) => ({
        kind: 'complaint' as const,
        timeMs: step.timeMs,
        fields: { complaintId: `${idBase}-t${n + 1}`, status: step.status, severity: step.severity, channel: complaint.channel, category: complaint.category },
      })),
  );
}
