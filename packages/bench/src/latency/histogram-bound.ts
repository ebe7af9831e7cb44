/**
 * The upper bound of the Prometheus histogram bucket that holds quantile `q` (0..1) of a metric's
 * observations, read from a service's /metrics text: `le` of the first cumulative bucket whose
 * count reaches q × the total, summed over the label sets that pass `labels`. Null without
 * observations; Infinity when the quantile lies above the largest finite bucket.
 */
export function histogramBound(metricsText: string, metric: string, q: number, labels: (line: string) => boolean = () => true): number | null {
  const counts = new Map<number, number>();
  const bucket = new RegExp(`^${metric}_bucket\\{(.*)\\} (\\S+)$`);
  for (const line of metricsText.split('\n')) {
    const match = bucket.exec(line);
    if (!match || !labels(match[1] as string)) continue;
    const le = /le="([^"]+)"/.exec(match[1] as string)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    counts.set(bound, (counts.get(bound) ?? 0) + Number(match[2]));
  }
  const total = counts.get(Number.POSITIVE_INFINITY) ?? 0;
  if (total === 0) return null;
  for (const [bound, count] of [...counts].sort(([a], [b]) => a - b)) if (count >= q * total) return bound;
  return Number.POSITIVE_INFINITY;
}
