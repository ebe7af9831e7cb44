export {
  calendarDate,
  customerId,
  eventId,
  identifier,
  locale,
  type Money,
  money,
  type SupportedLocale,
  supportedLocales,
  timestamp,
  token,
} from './common.ts';
export { contractExamples } from './examples.ts';
export { buildDeadLetter, type Rejection } from './ingest/dead-letter-builder.ts';
export { createDedupWindow, type DedupState, type DedupWindow } from './ingest/dedup-window.ts';
export { createInputDecoder, type EventTimeBounds, type InputDecoderOptions } from './ingest/input-decoder.ts';
export type { DecodeResult, InputDecoder, RawRecord } from './ingest/types.ts';
export { type AlertAction, type AlertControlV1, actionSources, alertActions, alertControlV1 } from './inputs/alert-control.ts';
export { type ComplaintEventV1, type ComplaintSeverity, complaintChannels, complaintEventV1, complaintSeverities } from './inputs/complaint.ts';
export { type CustomerProfileV1, customerProfileV1 } from './inputs/customer-profile.ts';
export { type FeedbackEventV1, feedbackEventV1 } from './inputs/feedback.ts';
export { type PurchaseEventV1, purchaseEventV1, type SubscriptionFacts, subscriptionFacts } from './inputs/purchase.ts';
export { type UsageEventV1, usageEventV1 } from './inputs/usage.ts';
export {
  type AlertEvidence,
  type AlertHistoryEntry,
  type AlertKind,
  type AlertSeverity,
  alertEvidence,
  alertHistoryEntry,
  alertKinds,
  alertSeverities,
  type ChurnRiskAlertV1,
  type CustomerValueMethod,
  churnRiskAlertV1,
  customerValueMethods,
} from './outputs/alert.ts';
export { type CustomerHealthV1, customerHealthV1, type HealthFactor, healthFactors } from './outputs/customer-health.ts';
export { type DeadLetterReason, type DeadLetterV1, deadLetterReasons, deadLetterV1 } from './outputs/dead-letter.ts';
export { type FailedNotificationV1, failedNotificationV1 } from './outputs/failed-notification.ts';
export { contractFields, latestVersion, type TopicContract, type TopicName, topicContracts } from './topics.ts';
export { decodeJson, describeIssues, type Validation, validateAgainst } from './validate.ts';
export { type AvroSchema, avroNamespace, contractAvroSchema } from './wire/avro-schema.ts';
export {
  ContractViolationError,
  createEncoder,
  type Encoder,
  type EncoderOptions,
  type ProducerFormat,
  producerFormats,
  type SubjectNaming,
  topicNameStrategy,
  topicRecordNameStrategy,
} from './wire/encoder.ts';
export { CONFLUENT_HEADER_BYTES, confluentFrame, confluentSchemaId, detectWireFormat, type WireFormat } from './wire/framing.ts';
export { contractJsonSchema, type JsonSchema, jsonSchemaOf, schemaFileStem } from './wire/json-schema.ts';
export {
  type Compatibility,
  type ContractRegistry,
  createContractRegistry,
  type RegistryDecode,
  type RegistryOptions,
  type RegistrySchemaType,
  type SchemaLookup,
} from './wire/registry.ts';
export { RegistryRejectedError, RegistryUnavailableError } from './wire/registry-errors.ts';
