/** Top-level fields of two JSON objects whose values differ; key order does not count. */
export function differingFields(a: string, b: string): string[] {
  const [left, right] = [JSON.parse(a) as Record<string, unknown>, JSON.parse(b) as Record<string, unknown>];
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key]));
}

/**
 * Over pairs of JSON objects (seen, expected): how many differ, and how often each top-level field
 * differs among them, the most frequent first, then by name.
 */
export function compareFields(pairs: Iterable<readonly [seen: string, expected: string]>): {
  readonly differing: number;
  readonly fields: [field: string, count: number][];
} {
  const counts = new Map<string, number>();
  let differing = 0;
  for (const [seen, expected] of pairs) {
    if (seen === expected) continue;
    const fields = differingFields(seen, expected);
    if (fields.length === 0) continue;
    differing++;
    for (const field of fields) counts.set(field, (counts.get(field) ?? 0) + 1);
  }
  return { differing, fields: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])) };
}
