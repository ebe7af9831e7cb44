import type { AlertControlV1, ChurnRiskAlertV1, CustomerHealthV1, CustomerProfileV1 } from '@churnwatch/contracts';
import type { RetentionKpisV1 } from '@churnwatch/detection';

/** The logical inputs of the account store. */
export const accountInputs = ['customerProfiles', 'customerHealth', 'alerts', 'retentionKpis', 'control'] as const;
export type AccountInput = (typeof accountInputs)[number];

/** One change to the account view, from one validated record. `null` rows are tombstones. */
export type RowChange =
  | { readonly table: 'customer_profile'; readonly customerId: string; readonly row: CustomerProfileV1 | null }
  | { readonly table: 'customer_health'; readonly customerId: string; readonly row: CustomerHealthV1 | null }
  | { readonly table: 'alert'; readonly row: ChurnRiskAlertV1 }
  | { readonly table: 'retention_kpis'; readonly segment: string; readonly row: RetentionKpisV1 | null }
  | { readonly table: 'alert_action'; readonly row: AlertControlV1 };

/**
 * What a validated record changes. Pure: the value was checked against its contract at the
 * boundary. An alert or control tombstone carries nothing to keep, so it changes nothing (undefined).
 */
export function rowChangeOf(input: AccountInput, key: string, value: unknown): RowChange | undefined {
  switch (input) {
    case 'customerProfiles':
      return { table: 'customer_profile', customerId: key, row: value as CustomerProfileV1 | null };
    case 'customerHealth':
      return { table: 'customer_health', customerId: key, row: value as CustomerHealthV1 | null };
    case 'alerts':
      return value === null ? undefined : { table: 'alert', row: value as ChurnRiskAlertV1 };
    case 'retentionKpis':
      return { table: 'retention_kpis', segment: key, row: value as RetentionKpisV1 | null };
    case 'control':
      return value === null ? undefined : { table: 'alert_action', row: value as AlertControlV1 };
  }
}
