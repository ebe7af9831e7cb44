/** Links a message may carry besides the alert itself. */
export interface AlertLinks {
  /** The customer's account page (see accountPageUrl). */
  readonly accountPage?: string;
}

/** `https://cs.example.com/churnwatch` + `cust 1` → `https://cs.example.com/churnwatch/customers/cust%201`. */
export function accountPageUrl(baseUrl: string, customerId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/customers/${encodeURIComponent(customerId)}`;
}
