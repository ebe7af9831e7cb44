export { eventIdHash } from './core/event-id-hash.ts';
export { partitionForKey } from './core/partition-for-key.ts';
export type { StoredTimer, StoreEntry } from './core/store-entry.ts';
export { BrokerUnavailableError, ProcessorError, TopologyError } from './errors.ts';
export { idHeader, jsonEncoder, type ValueEncoder } from './kafka/outgoing.ts';
export { type RetryOptions, retry } from './kafka/retry.ts';
export {
  changelogTopicName,
  createStreamRuntime,
  type DeliveryMode,
  defaultTuning,
  type InputBinding,
  type OutputBinding,
  type RuntimeTuning,
  type StreamRuntime,
  type StreamRuntimeOptions,
} from './kafka/stream-runtime.ts';
export {
  type AnyProcessor,
  createLocalTopology,
  type EmittedOutput,
  type LocalRecord,
  type LocalTopology,
  type LocalTopologyOptions,
  replay,
} from './local/local-topology.ts';
export { createProcessorTestDriver, type ProcessorTestDriver, type TestRecord } from './local/processor-test-driver.ts';
export type { FiredTimer, InputRecord, OutputRecord, Processor, ProcessorResult, TimerClock, TimerRequest } from './processor.ts';
export { envName, parseEnv } from './service/env-config.ts';
export { kafkajsLogCreator, kafkaLogLevels } from './service/kafkajs-logger.ts';
export { bindProcessShutdown, type ProcessShutdown } from './service/process-shutdown.ts';
export { type ProcessorWiring, processorBindings } from './service/processor-bindings.ts';
export { type RunningService, runService, type ServiceDefinition } from './service/run-service.ts';
export { parseRuntimeSettings, parseTopics, type RuntimeSettings, runtimeSettingsSchema, runtimeTuningOf } from './service/runtime-settings.ts';
export { decodeEntry as decodeChangelogEntry, encodeEntry as encodeChangelogEntry, streamTimeKey } from './store/changelog-codec.ts';
export { createMemoryStore, type KeyValueStore, memoryStores, type StoreFactory } from './store/key-value-store.ts';
export { createPackedStore } from './store/packed-store.ts';
