/** A memory sample with the instance's count of major (mark-compact) collections so far. */
export interface GcSample {
  readonly seconds: number;
  readonly heapUsedBytes: number;
  readonly majorGcs: number;
}

/**
 * Pure: the samples taken first after a major collection, in order. Heap used climbs between
 * collections with garbage not yet collected, by as much as the allocation rate and V8's limit
 * allow; right after a major collection it is near what is still referenced. A leak raises this
 * floor; garbage does not.
 */
export function heapFloor<P extends GcSample>(points: readonly P[]): P[] {
  return points.filter((point, i) => i > 0 && point.majorGcs > (points[i - 1] as P).majorGcs);
}
