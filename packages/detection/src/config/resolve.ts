import { type DetectionConfig, OTHER_SEGMENT } from './detection-config.ts';
import { mergeThresholds } from './merge.ts';
import type { ThresholdOverrides, Thresholds } from './sections.ts';

/** What segmentation needs to know of a customer; both come from the customer-profile table. */
export interface CustomerSegmentation {
  /** The CRM's segment; undefined when the customer has no profile. */
  readonly segment?: string | undefined;
  readonly plan?: string | undefined;
}

/** A record's own entry; names such as `constructor` must not reach the prototype. */
function ownEntry<T>(record: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

type Override = ThresholdOverrides | undefined;

/** Merged sets per configuration and pair of overrides: bounded by the configuration's size. */
const mergedSets = new WeakMap<DetectionConfig, Map<Override, Map<Override, Thresholds>>>();

/**
 * The thresholds for one customer: defaults, then the segment's overrides, then the plan's (a
 * plan override wins). Pure; the same segment and plan give the same object, so that results
 * computed from a threshold set can be remembered by its identity.
 */
export function resolveThresholds(config: DetectionConfig, customer: CustomerSegmentation): Thresholds {
  const segmentOverride = ownEntry(config.segments, customer.segment);
  const planOverride = ownEntry(config.plans, customer.plan);
  if (segmentOverride === undefined && planOverride === undefined) return config.thresholds;
  const bySegment = mergedSets.get(config) ?? new Map<Override, Map<Override, Thresholds>>();
  mergedSets.set(config, bySegment);
  const byPlan = bySegment.get(segmentOverride) ?? new Map<Override, Thresholds>();
  bySegment.set(segmentOverride, byPlan);
  const merged = byPlan.get(planOverride) ?? mergeThresholds(config.thresholds, segmentOverride, planOverride);
  byPlan.set(planOverride, merged);
  return merged;
}

/**
 * The bounded segment label of a customer: the default segment without a profile, the CRM's
 * segment when it is a configured label, `other` otherwise. Pure.
 */
export function segmentLabelOf(config: DetectionConfig, segment: string | undefined): string {
  if (segment === undefined) return config.defaultSegment;
  return config.segmentLabels.includes(segment) ? segment : OTHER_SEGMENT;
}
