import { createComplaintMonitor, detectionClockInputs } from '@churnwatch/detection';
import type { DetectionServiceDefinition } from '@churnwatch/detection-service-kit';

/**
 * The complaint monitor: reads complaints and the customer profiles, writes signals (concern
 * `complaints`: complaint_escalation, the complaints factor). Keyed by customer.
 * Settings: the shared CHURNWATCH_* variables (see services/README.md).
 */
export const complaintMonitor: DetectionServiceDefinition = {
  service: 'complaint-monitor',
  inputs: ['complaints', 'customerProfiles'],
  clockInputs: detectionClockInputs['complaint-monitor'],
  clockLeaders: ['usage-monitor'],
  outputs: ['signals'],
  processor: ({ detection }) => createComplaintMonitor(detection),
};
