export const partOf = 'churnwatch';

/** The labels of everything a workload owns; the selector is the same minus the version. */
export function labelsOf(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': component, 'app.kubernetes.io/part-of': partOf };
}

/** The name of everything a service owns in the cluster: Deployment, Service, budget, scaler. */
export const componentOf = (workload: { readonly service: string }) => `churnwatch-${workload.service}`;
