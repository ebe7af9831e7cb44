/** A record as read back from a topic: its value as text and the time it was written, ms. */
export interface TimedRecord {
  readonly value: string;
  readonly timestampMs: number;
}

/** One output's latency from the input event that caused it, and when the output was written. */
export interface AlertLatency {
  readonly writtenAtMs: number;
  readonly latencyMs: number;
}

interface Timed {
  readonly customerId?: unknown;
  readonly eventTime?: unknown;
  /** A health-table row's event time. */
  readonly asOf?: unknown;
  readonly eventId?: unknown;
}

const keyOf = (customerId: unknown, eventTime: unknown): string | undefined => {
  const atMs = typeof eventTime === 'string' ? Date.parse(eventTime) : Number.NaN;
  return typeof customerId === 'string' && !Number.isNaN(atMs) ? `${customerId}|${atMs}` : undefined;
};

/** When each input event was written, by customer and event time (the latest write of a repeat). */
function inputWrites(inputs: readonly TimedRecord[]): Map<string, number> {
  const writtenAt = new Map<string, number>();
  for (const record of inputs) {
    const value = JSON.parse(record.value) as Timed;
    const key = keyOf(value.customerId, value.eventTime);
    if (key !== undefined) writtenAt.set(key, Math.max(writtenAt.get(key) ?? 0, record.timestampMs));
  }
  return writtenAt;
}

/**
 * Pure: from the input event that caused it to the alert step on the alerts topic, by write times.
 * An alert step is matched with the input event of its customer that has its event time (the step
 * that event decided); steps fired by a timer have no such event and are left out. A step written
 * more than once counts by its first record.
 */
export function alertLatencies(inputs: readonly TimedRecord[], alerts: readonly TimedRecord[]): AlertLatency[] {
  const writtenAt = inputWrites(inputs);
  const seen = new Set<unknown>();
  const latencies: AlertLatency[] = [];
  for (const record of [...alerts].sort((a, b) => a.timestampMs - b.timestampMs)) {
    const alert = JSON.parse(record.value) as Timed;
    if (seen.has(alert.eventId)) continue;
    seen.add(alert.eventId);
    const key = keyOf(alert.customerId, alert.eventTime);
    const inputAtMs = key === undefined ? undefined : writtenAt.get(key);
    if (inputAtMs !== undefined) latencies.push({ writtenAtMs: record.timestampMs, latencyMs: record.timestampMs - inputAtMs });
  }
  return latencies;
}

/**
 * The same for the customer-health table: a row is timed from the input event of its customer at
 * its `asOf`. Rows outnumber alert steps by far (one per signal), so they show the detection
 * services' latency where a few alerts cannot.
 */
export function healthRowLatencies(inputs: readonly TimedRecord[], rows: readonly TimedRecord[]): AlertLatency[] {
  const writtenAt = inputWrites(inputs);
  return rows.flatMap((record) => {
    const row = JSON.parse(record.value) as Timed;
    const key = keyOf(row.customerId, row.asOf);
    const inputAtMs = key === undefined ? undefined : writtenAt.get(key);
    return inputAtMs === undefined ? [] : [{ writtenAtMs: record.timestampMs, latencyMs: record.timestampMs - inputAtMs }];
  });
}

/** Latencies of the outputs written in [fromMs, untilMs): how many, and the nearest-rank p50 and p99 (NaN when none). */
export function latencyWindow(latencies: readonly AlertLatency[], fromMs: number, untilMs: number): { count: number; p50Ms: number; p99Ms: number } {
  const sorted = latencies
    .filter((latency) => latency.writtenAtMs >= fromMs && latency.writtenAtMs < untilMs)
    .map((latency) => latency.latencyMs)
    .sort((a, b) => a - b);
  const rank = (share: number) => (sorted.length === 0 ? Number.NaN : (sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN));
  return { count: sorted.length, p50Ms: rank(0.5), p99Ms: rank(0.99) };
}
