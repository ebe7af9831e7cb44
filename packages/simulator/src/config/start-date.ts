import { ConfigError } from '@churnwatch/errors';
import { epochDayOf, isoDateOf } from '../calendar/days.ts';

/**
 * Resolves a start date: `YYYY-MM-DD` as given, or relative to today: `now` (today), `now-90d`
 * (90 days ago: a history that reaches today), `now+7d`. `today` is passed in (YYYY-MM-DD, UTC),
 * so this stays pure.
 */
export function resolveStartDate(value: string, today: string): string {
  const relative = /^now(?:([+-])(\d{1,5})d)?$/.exec(value);
  if (relative) {
    const [, sign, amount] = relative;
    const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * Number(amount);
    return isoDateOf(epochDayOf(today) + offset);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && isoDateOf(epochDayOf(value)) === value) return value;
  throw new ConfigError('--start', [`"${value}" is neither a date (YYYY-MM-DD) nor now, now-<days>d or now+<days>d`]);
}
