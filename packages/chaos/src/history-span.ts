import { parseDetectionConfig } from '@churnwatch/detection';
import { kitSettingsSchema } from '@churnwatch/detection-service-kit';

/**
 * Days of history the detection state holds at most with the built-in configuration: the usage
 * monitor's day ring and the complaint monitor's track record. A full soak first backfills this
 * much, at `--rate`, so that its paced part runs with state already full: memory that then grows is
 * not state filling up with history.
 */
export function stateHistoryDays(): number {
  const config = parseDetectionConfig({}, 'the built-in detection configuration');
  return Math.max(config.usageHistoryDays, config.thresholds.complaints.trackRecordDays);
}

/**
 * How old an event may be before the services dead-letter it: `CHURNWATCH_MAX_EVENT_AGE_DAYS`
 * as the services read it from the environment they inherit, else their default.
 */
export function servicesMaxEventAgeDays(env: NodeJS.ProcessEnv): number {
  const schema = kitSettingsSchema.shape.maxEventAgeDays;
  const parsed = schema.safeParse(env.CHURNWATCH_MAX_EVENT_AGE_DAYS);
  // An invalid value stops the services themselves, with a message naming it.
  return parsed.success ? parsed.data : schema.parse(undefined);
}

/** Days of history a full soak produces at `--rate` before its `--days`; none in a quick run or without the soak. */
export function soakBackfillDays(quick: boolean, withSoak: boolean): number {
  return withSoak && !quick ? stateHistoryDays() : 0;
}
