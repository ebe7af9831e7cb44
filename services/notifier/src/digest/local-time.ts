/** Local wall-clock arithmetic in an IANA time zone, with Intl only (no tz database of our own). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The local calendar fields of an instant. */
function localFields(atMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(atMs))
      .map((part) => [part.type, part.value]),
  );
  return { year: +parts.year!, month: +parts.month!, day: +parts.day!, hour: +parts.hour!, minute: +parts.minute!, second: +parts.second! };
}

/** The local date of an instant, YYYY-MM-DD. */
export function localDateOf(atMs: number, timeZone: string): string {
  const { year, month, day } = localFields(atMs, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetMs(atMs: number, timeZone: string): number {
  const f = localFields(atMs, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(atMs / 1000) * 1000;
}

/**
 * The instant at which the zone's clock shows `hh:mm` on the given local date. A time that a
 * daylight-saving change skips comes out one hour later, as a wall clock would show it. Pure.
 */
export function instantOfLocal(date: { year: number; month: number; day: number }, hour: number, minute: number, timeZone: string): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = naive - offsetMs(naive, timeZone);
  return naive - offsetMs(first, timeZone);
}

/** The first instant strictly after `afterMs` at which the zone's clock shows `hh:mm`. Pure. */
export function nextLocalTime(afterMs: number, at: { hour: number; minute: number }, timeZone: string): number {
  const today = localFields(afterMs, timeZone);
  for (let dayOffset = 0; dayOffset < 3; dayOffset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + dayOffset));
    const candidate = instantOfLocal({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, at.hour, at.minute, timeZone);
    if (candidate > afterMs) return candidate;
  }
  throw new RangeError(`no ${at.hour}:${at.minute} in ${timeZone} within two days of ${new Date(afterMs).toISOString()}`);
}
