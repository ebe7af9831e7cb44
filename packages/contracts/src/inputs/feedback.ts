import { z } from 'zod';
import { eventEnvelope } from '../common.ts';

export const feedbackEventV1 = z
  .object({
    schemaVersion: z.literal(1),
    ...eventEnvelope,
    score: z.number().int().min(0).max(10).meta({ description: 'Net Promoter Score answer: 0-6 detractor, 7-8 passive, 9-10 promoter.' }),
    comment: z.string().max(4000).optional(),
  })
  .strict()
  .meta({ title: 'FeedbackEvent', description: 'An NPS survey answer.' });
export type FeedbackEventV1 = z.infer<typeof feedbackEventV1>;
