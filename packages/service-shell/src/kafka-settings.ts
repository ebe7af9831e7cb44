import { z } from 'zod';

/**
 * The Kafka settings of a service that runs its own consumer (not the stream runtime): the
 * brokers, and the consumer group id with the service's default.
 */
export function kafkaConsumerSettings(defaultApplicationId: string) {
  return {
    kafkaBrokers: z
      .string()
      .transform((value) => value.split(',').map((broker) => broker.trim()))
      .pipe(z.array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'expected host:port')).min(1)),
    /** Consumer group id. */
    applicationId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,200}$/, 'letters, digits, . _ - only')
      .default(defaultApplicationId),
  };
}
