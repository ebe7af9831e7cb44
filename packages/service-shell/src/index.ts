// The public door of @churnwatch/service-shell: how every churnwatch service starts and stops.

export { CONFIG_EXIT_CODE, collectIssues, configureService } from './configure.ts';
export { consumerHealth } from './consumer-health.ts';
export { createHealthBoard, type HealthBoard } from './health-board.ts';
export { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
export { kafkaConsumerSettings } from './kafka-settings.ts';
export { parseEnvWithSecrets } from './secret-settings.ts';
export { type ShellSettings, shellSettingsSchema } from './shell-settings.ts';
export { type RunningService, type ServiceContext, type ServiceDefinition, startService } from './start-service.ts';
export { type StreamProcessorOptions, startStreamProcessor } from './stream-processor.ts';
