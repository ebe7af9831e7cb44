import { type TopicContract, topicContracts } from '@churnwatch/contracts';
import { controlContract, kpiChangesContract, retentionKpisContract, signalsContract } from '@churnwatch/detection';

/**
 * Every topic a detection service may read or write, by the logical name its processor uses, with
 * the contract that describes it. Published topics come from `@churnwatch/contracts`, internal
 * ones (signals, control, KPI changes, retention KPIs) from `@churnwatch/detection`.
 */
export const detectionTopicContracts = {
  usage: topicContracts.usage,
  purchases: topicContracts.purchases,
  complaints: topicContracts.complaints,
  feedback: topicContracts.feedback,
  customerProfiles: topicContracts.customerProfiles,
  alerts: topicContracts.alerts,
  customerHealth: topicContracts.customerHealth,
  deadLetters: topicContracts.deadLetters,
  signals: signalsContract,
  control: controlContract,
  kpi: kpiChangesContract,
  retentionKpis: retentionKpisContract,
} as const satisfies Record<string, TopicContract>;

export type DetectionTopic = keyof typeof detectionTopicContracts;

/** Topics other systems write: their event times are checked against the consumer's clock. */
const externalInputs: ReadonlySet<DetectionTopic> = new Set(['usage', 'purchases', 'complaints', 'feedback', 'customerProfiles', 'control']);

export function isExternalInput(topic: DetectionTopic): boolean {
  return externalInputs.has(topic);
}

/** Default topic name per logical name (overridden by `CHURNWATCH_TOPIC_<NAME>`). */
export function defaultTopicNames(): Record<DetectionTopic, string> {
  return Object.fromEntries(Object.entries(detectionTopicContracts).map(([name, contract]) => [name, contract.defaultTopic])) as Record<DetectionTopic, string>;
}
