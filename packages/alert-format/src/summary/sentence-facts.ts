import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';

/**
 * What an alert step's sentence is written from: enough of an alert that a stored step (the
 * account page's rows) can be written in any language as well as a whole alert can.
 */
export type SentenceFacts = Pick<ChurnRiskAlertV1, 'kind' | 'status' | 'evidence' | 'summary'> &
  Partial<Pick<ChurnRiskAlertV1, 'resolution' | 'renewalDate' | 'healthScore' | 'openComplaints' | 'history'>>;
