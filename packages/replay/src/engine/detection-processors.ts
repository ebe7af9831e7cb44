import { createDetectionProcessors, type DetectionConfig, type PurchaseLapseScorer } from '@churnwatch/detection';
import type { AnyProcessor } from '@churnwatch/stream-runtime';

/**
 * Every detection processor, built by the detection package's own factory from one
 * configuration: the services run these same processors, so a replay cannot differ from them.
 * The list follows the factory's order (monitors, then the risk scorer, then the KPI aggregator).
 */
export function detectionProcessorList(config: DetectionConfig, options: { readonly purchaseScorer?: PurchaseLapseScorer } = {}): AnyProcessor[] {
  return Object.values(createDetectionProcessors(config, options));
}
