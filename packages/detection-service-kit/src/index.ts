// The public door of @churnwatch/detection-service-kit: what the six detection services share, so
// that each service's own code is its configuration and a short composition root.

export { createDecoders, type DecoderOptions } from './decoders.ts';
export { loadDetectionConfigFile, type ReadText, readJsonFile } from './detection-config-file.ts';
export { eventTimeBoundsOf, type KitSettings, kitSettingsSchema } from './kit-settings.ts';
export { type DetectionServiceConfig, type DetectionServiceSpec, loadDetectionServiceConfig } from './service-config.ts';
export {
  CONFIG_EXIT_CODE,
  type DetectionServiceDefinition,
  type StartedDetectionService,
  startDetectionService,
} from './start-detection-service.ts';
export { type DetectionTopic, defaultTopicNames, detectionTopicContracts, isExternalInput } from './topics.ts';
