import { kafkaClientSecurity } from '@churnwatch/connection-security';
import { kafkajsLogCreator, kafkaLogLevels } from '@churnwatch/stream-runtime';
import type { Logger } from '@churnwatch/telemetry';
import { Kafka, type KafkaConfig } from 'kafkajs';
import type { ShellSettings } from './shell-settings.ts';

/** The Kafka options a service chooses; logging is the shell's. */
export type KafkaClientOptions = Omit<KafkaConfig, 'logLevel' | 'logCreator'>;

/** A kafkajs client with the service's TLS and SASL settings, whose log lines are JSON lines of the service's logger (component `kafkajs`). */
export function createKafkaClient(options: KafkaClientOptions, logger: Logger, settings: ShellSettings): Kafka {
  return new Kafka({
    ...options,
    ...kafkaClientSecurity(settings.kafkaSecurity),
    logLevel: kafkaLogLevels[settings.kafkaLogLevel],
    logCreator: kafkajsLogCreator(logger),
  });
}
