// The failed-notifications record is a published contract (`@churnwatch/contracts`).
export { type FailedNotificationV1, failedNotificationV1 } from '@churnwatch/contracts';
