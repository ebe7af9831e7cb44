export const partOf = 'churnwatch';

/** The labels of everything a workload owns; the selector is the same minus the version. */
export function labelsOf(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': component, 'app.kubernetes.io/part-of': partOf };
}
