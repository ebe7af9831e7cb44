import { type TopicContract, topicContracts } from '@churnwatch/contracts';
import { controlContract } from '@churnwatch/detection';

/**
 * The kinds an events file may name, and where each goes: the logical input of the detection
 * topology (the same names the services map to topics) and the contract its value must meet.
 * The first five are the simulator's events format; `control` carries snooze requests.
 */
export const eventKindRoutes = {
  customer_profile: { input: 'customerProfiles', contract: topicContracts.customerProfiles },
  purchase: { input: 'purchases', contract: topicContracts.purchases },
  complaint: { input: 'complaints', contract: topicContracts.complaints },
  feedback: { input: 'feedback', contract: topicContracts.feedback },
  usage: { input: 'usage', contract: topicContracts.usage },
  control: { input: 'control', contract: controlContract },
} as const satisfies Record<string, { readonly input: string; readonly contract: TopicContract }>;

export type EventKindName = keyof typeof eventKindRoutes;

export const eventKindNames = Object.keys(eventKindRoutes) as EventKindName[];

/**
 * Kinds whose value has a `kind` field of its own (a control event names the alert kind it
 * snoozes): on a line, such a value sits under `value` instead of beside the line's `kind`.
 */
export const nestedValueKinds: ReadonlySet<EventKindName> = new Set(['control']);

export function isEventKind(name: unknown): name is EventKindName {
  return typeof name === 'string' && Object.hasOwn(eventKindRoutes, name);
}
