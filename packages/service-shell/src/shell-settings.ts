import type { KafkaSecurity } from '@churnwatch/connection-security';
import { z } from 'zod';

/**
 * Settings the shell itself reads for every service, from `CHURNWATCH_<FIELD>` variables. A
 * service's own schema may declare the same fields (the stream runtime's does); both read the same
 * variable, so they always agree.
 */
export const shellSettingsSchema = z.object({
  /** Port of /metrics, /healthz and /readyz; 0 picks a free one. */
  metricsPort: z.coerce.number().int().min(0).max(65_535).default(9464),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** kafkajs's own level; its lines go through the service's logger, tagged `component: kafkajs`. */
  kafkaLogLevel: z.enum(['nothing', 'error', 'warn', 'info', 'debug']).default('warn'),
  /** The whole ordered shutdown must end within this; past it the process exits 1. */
  shutdownTimeoutMs: z.coerce.number().int().positive().default(20_000),
});

/** The shell's settings and how to reach Kafka (TLS, SASL: `CHURNWATCH_KAFKA_*`, see connection-security). */
export type ShellSettings = z.infer<typeof shellSettingsSchema> & { readonly kafkaSecurity: KafkaSecurity };
