/** The time unit a model is fitted in; every time in a history and `alpha` are in it. */
export type TimeUnit = 'days' | 'weeks';

export const timeUnits = ['days', 'weeks'] as const satisfies readonly TimeUnit[];

export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { days: 1, weeks: 7 };

/** Mean Gregorian year, for converting annual discount rates. */
export const DAYS_PER_YEAR = 365.2425;

export const MS_PER_DAY = 86_400_000;
