import { createUsageMonitor } from '@churnwatch/detection';
import type { DetectionServiceDefinition } from '@churnwatch/detection-service-kit';

/**
 * The usage monitor: reads usage and the customer profiles, writes signals (concern `usage`:
 * usage_declining, usage_stopped, the usage_trend factor). Keyed by customer.
 * Settings: the shared CHURNWATCH_* variables (see services/README.md).
 */
export const usageMonitor: DetectionServiceDefinition = {
  service: 'usage-monitor',
  inputs: ['usage', 'customerProfiles'],
  outputs: ['signals'],
  processor: ({ detection }) => createUsageMonitor(detection),
};
