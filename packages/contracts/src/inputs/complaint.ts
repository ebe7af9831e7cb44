import { z } from 'zod';
import { eventEnvelope, identifier } from '../common.ts';

export const complaintSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const complaintChannels = ['email', 'phone', 'chat', 'social_media', 'web_form', 'in_app', 'in_person', 'other'] as const;

export const complaintEventV1 = z
  .object({
    schemaVersion: z.literal(1),
    ...eventEnvelope,
    complaintId: identifier().meta({ description: 'The complaint (ticket) this event belongs to; opened, updated and resolved share it.' }),
    status: z.enum(['opened', 'updated', 'resolved']),
    severity: z.enum(complaintSeverities),
    channel: z.enum(complaintChannels),
    category: z.string().min(1).max(64).optional(),
  })
  .strict()
  .meta({ title: 'ComplaintEvent', description: 'A step in the life of a customer complaint.' });
export type ComplaintEventV1 = z.infer<typeof complaintEventV1>;
export type ComplaintSeverity = (typeof complaintSeverities)[number];
