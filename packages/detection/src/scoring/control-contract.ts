import { type AlertControlV1, alertControlV1, topicContracts } from '@churnwatch/contracts';

/**
 * The control topic's contract is published with the others in `@churnwatch/contracts`
 * (`alertControlV1`); these names stay for the code that reads it here.
 */
export const controlEventV1 = alertControlV1;
export type ControlEventV1 = AlertControlV1;
export const controlContract = topicContracts.control;
