/**
 * The q-quantile (0 ≤ q ≤ 1) of ascending-sorted values by linear interpolation between the
 * closest ranks (the "type 7" rule of R and NumPy's default): position q × (n − 1). Null for none.
 */
export function quantileOfSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

export interface Quartiles {
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
}

export function quartilesOf(values: readonly number[]): Quartiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { p25: quantileOfSorted(sorted, 0.25)!, median: quantileOfSorted(sorted, 0.5)!, p75: quantileOfSorted(sorted, 0.75)! };
}
