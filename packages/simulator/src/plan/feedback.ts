import { bernoulli, choice, intBetween, weightedIndex } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { PlanContext } from './context.ts';
import { instantOn } from './context.ts';
import type { CustomerBase } from './customer-base.ts';
import type { SparseDraft } from './customer-plan.ts';
import { localHourToUtc } from './hours.ts';
import type { Story } from './story.ts';

// Weights of the scores 0–10: a content customer mostly promotes, a struggling one mostly detracts.
const contentScores = [0, 0, 0.2, 0.4, 0.6, 1, 2, 6, 12, 20, 16];
const strugglingScores = [5, 4, 7, 9, 9, 8, 7, 4, 2, 1, 0.5];

const comments = {
  detractor: ['Too many outages lately.', 'Support takes days to answer.', 'We are evaluating alternatives.', 'Pricing no longer matches the value we get.'],
  passive: ['Does the job.', 'Fine, but reporting could be better.', 'Onboarding new colleagues is slow.'],
  promoter: ['Our team relies on it every day.', 'Great support.', 'The reports save us hours each week.'],
} as const;

/**
 * NPS answers, about once per survey interval, while the customer is still around. A customer
 * answers as a struggling one once its problem has started, or within 120 days of its churn.
 */
export function feedbackDrafts(context: PlanContext, rng: Prng, base: CustomerBase, story: Story): SparseDraft[] {
  const interval = context.options.feedback.surveyIntervalDays;
  const until = Math.min(story.endDay, context.lastDay + 1);
  const drafts: SparseDraft[] = [];
  for (let day = intBetween(rng, 0, interval - 1); day < until; day += interval + intBetween(rng, -14, 14)) {
    const struggling = (story.problemStartDay !== null && day >= story.problemStartDay) || (story.churnDay !== null && day >= story.churnDay - 120);
    const score = weightedIndex(rng, struggling ? strugglingScores : contentScores);
    const band = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
    const comment = bernoulli(rng, 0.35) ? choice(rng, comments[band]) : undefined;
    drafts.push({
      kind: 'feedback',
      timeMs: instantOn(context, day, localHourToUtc(intBetween(rng, 9, 17), base.utcOffsetHours), rng),
      fields: comment === undefined ? { score } : { score, comment },
    });
  }
  return drafts;
}
