import { topicContracts } from '@churnwatch/contracts';
import type { EventKind } from '../events/simulated-event.ts';

/** The input topic each event kind goes to unless told otherwise. */
export const defaultTopics: Readonly<Record<EventKind, string>> = {
  customer_profile: topicContracts.customerProfiles.defaultTopic,
  purchase: topicContracts.purchases.defaultTopic,
  complaint: topicContracts.complaints.defaultTopic,
  feedback: topicContracts.feedback.defaultTopic,
  usage: topicContracts.usage.defaultTopic,
};

export function resolveTopics(overrides: Partial<Record<EventKind, string>> = {}): Record<EventKind, string> {
  return { ...defaultTopics, ...overrides };
}
