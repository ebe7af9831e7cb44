import { createContractMonitor, detectionClockInputs } from '@churnwatch/detection';
import type { DetectionServiceDefinition } from '@churnwatch/detection-service-kit';

/**
 * The contract monitor: reads purchases (their subscription facts) and the customer profiles, writes
 * signals (concern `contract`: renewal_upcoming, the renewal factor, contract facts). Keyed by customer.
 * Settings: the shared CHURNWATCH_* variables (see services/README.md).
 */
export const contractMonitor: DetectionServiceDefinition = {
  service: 'contract-monitor',
  inputs: ['purchases', 'customerProfiles'],
  clockInputs: detectionClockInputs['contract-monitor'],
  clockLeaders: ['usage-monitor'],
  outputs: ['signals'],
  processor: ({ detection }) => createContractMonitor(detection),
};
