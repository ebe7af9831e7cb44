import type { EmittedOutput } from '@churnwatch/stream-runtime';

/**
 * The order of a replay's outputs within one step of stream time: by event time, then by
 * customer (record key, compared as UTF-16 code units), then in the order the topology produced
 * them. The sort is stable, so each customer's own outputs keep their production order, which
 * does not depend on partitioning; the interleaving of customers, which does, is replaced by
 * the key order.
 */
export function compareOutputs(a: EmittedOutput, b: EmittedOutput): number {
  if (a.eventTimeMs !== b.eventTimeMs) return a.eventTimeMs - b.eventTimeMs;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function orderOutputs(outputs: EmittedOutput[]): EmittedOutput[] {
  return outputs.sort(compareOutputs);
}
