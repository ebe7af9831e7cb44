export { type Manifest, manifestFiles, namespace, renderManifests } from './manifests.ts';
export { partitions, shutdownTimeoutMs, terminationGracePeriodSeconds, type Workload, workloads } from './workloads.ts';
