import type { PurchaseEventV1 } from '@churnwatch/contracts';
import type { DetectionConfig } from '../config/detection-config.ts';
import { checkTimer, createMonitor, type MonitorState } from '../monitor/create-monitor.ts';
import { EMPTY_SIGNAL_MEMO } from '../signals/signal-emitter.ts';
import { assessContract } from './renewal-assessment.ts';
import { applySubscriptionFacts, rollSubscriptions, type Subscription } from './subscriptions.ts';

/** Per-customer state of the contract monitor. Plain JSON. */
export interface ContractMonitorState extends MonitorState {
  readonly subscriptions: Readonly<Record<string, Subscription>>;
}

export type ContractMonitorInput = PurchaseEventV1;

export const CONTRACT_CHECK_TIMER = 'contract-check';

/**
 * The contract monitor, keyed by customer id. Inputs `purchases` (only those carrying
 * subscription facts) and `customerProfiles`; output `signals` (concern `contract`:
 * renewal_upcoming notices, the renewal factor, and the renewal date, auto-renew, status and
 * recurring revenue facts). Renewal horizons fire on a wall-clock timer, so a notice comes N days
 * before the renewal even when the customer sends nothing. Pure.
 */
export function createContractMonitor(config: DetectionConfig) {
  return createMonitor<ContractMonitorState, ContractMonitorInput>(config, {
    name: 'contract-monitor',
    concern: 'contract',
    input: 'purchases',
    initialState: { segmentation: null, subscriptions: {}, signal: EMPTY_SIGNAL_MEMO },
    hasSubject: (state) => Object.keys(state.subscriptions).length > 0,
    record(state, purchase, eventTimeMs) {
      if (purchase.subscription === undefined) return null;
      return { ...state, subscriptions: applySubscriptionFacts(state.subscriptions, purchase.subscription, eventTimeMs) };
    },
    assess(state, thresholds, nowMs) {
      const subscriptions = rollSubscriptions(state.subscriptions, nowMs, thresholds.renewal.graceDays);
      const assessment = assessContract(Object.values(subscriptions), nowMs, thresholds.renewal, config.ruleVersion);
      return { state: { ...state, subscriptions }, draft: assessment.draft, ...checkTimer(CONTRACT_CHECK_TIMER, assessment.nextCheckMs) };
    },
  });
}
