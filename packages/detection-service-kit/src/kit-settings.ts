import { z } from 'zod';

const DAY_MS = 86_400_000;

/**
 * The settings every detection service reads besides the runtime's, from `CHURNWATCH_<FIELD>`
 * variables (e.g. `CHURNWATCH_DETECTION_CONFIG_FILE`). Units are in the names.
 */
export const kitSettingsSchema = z.object({
  /** JSON file of thresholds per segment and plan (see @churnwatch/detection); built-in defaults without it. */
  detectionConfigFile: z.string().min(1).optional(),
  /** Confluent-compatible registry; without it Confluent-framed records are dead-lettered as unsupported_format. */
  schemaRegistryUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** Larger input values are dead-lettered as oversized. */
  maxValueBytes: z.coerce.number().int().min(256).max(100_000_000).default(1_048_576),
  /** How far an input event may lie ahead of this service's clock before it is dead-lettered. */
  maxEventFutureMs: z.coerce.number().int().min(0).default(3_600_000),
  /** How old an input event may be before it is dead-lettered (table rows are exempt). */
  maxEventAgeDays: z.coerce.number().int().min(1).max(36_500).default(400),
  /**
   * `on`: a service with a sparse input reads the usage topic as its clock (see
   * DetectionServiceSpec.clockInputs); `off`: only its own inputs move its stream time. Unset: on
   * for the monitors, off for the risk scorer (on, it scores the monitors' signals in event-time
   * order: services/risk-scorer).
   */
  clockInputs: z.enum(['on', 'off']).optional(),
});

export type KitSettings = z.infer<typeof kitSettingsSchema>;

/** The decoder's event-time bounds for topics other systems write. */
export function eventTimeBoundsOf(settings: KitSettings): { maxFutureMs: number; maxPastMs: number } {
  return { maxFutureMs: settings.maxEventFutureMs, maxPastMs: settings.maxEventAgeDays * DAY_MS };
}
