import type { IEnvVar, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import { accountViewWorkloads } from './account-view.ts';
import { notifierLagGroups } from './notifier-routes.ts';

/**
 * What runs in the cluster, and the figures the manifests are sized from.
 *
 * Sizing (./churnwatch bench on a 2-core machine, README "Performance"): one runtime instance
 * processes about 50,000 records/s on one core; the detection state takes about 5 KB of RSS a
 * customer over the five stateful processors, the risk scorer's about two fifths of it. A
 * detection service therefore asks for a quarter core and 256 MiB (room for ~80,000 customers
 * per risk-scorer pod beside Node's ~80 MiB) and may grow to one core and 768 MiB (~300,000); its
 * V8 heap is capped below the limit so that Node collects garbage before the kernel kills it.
 * The notifier holds no state: 128 MiB, limit 256 MiB. The account view's services are sized in
 * account-view.ts.
 */
export interface Workload {
  /** Folder under services/ and the Kubernetes name suffix. */
  readonly service: string;
  /**
   * What it reads of the connection: `kafka-and-registry` the brokers, TLS, SASL and the schema
   * registry (`CHURNWATCH_KAFKA_*`, `CHURNWATCH_SCHEMA_REGISTRY_*`, credentials as files); `kafka`
   * the same without the registry; `none` no Kafka at all.
   */
  readonly kafka: 'kafka-and-registry' | 'kafka' | 'none';
  /**
   * A Kafka consumer group: CHURNWATCH_APPLICATION_ID, and KEDA scales the Deployment on the lag
   * on `lagTopic` of `lagGroups` (the group itself unless the service consumes in groups named
   * after it, as the notifier does per route). Without it the replicas are fixed.
   */
  readonly consumer?: { readonly group: string; readonly lagTopic: string; readonly lagGroups?: readonly string[] };
  /** Replicas to begin with; KEDA takes over for a consumer. */
  readonly replicas: number;
  readonly resources: { readonly cpuRequest: string; readonly cpuLimit: string; readonly memoryRequestMi: number; readonly memoryLimitMi: number };
  /** Reads the detection thresholds ConfigMap. */
  readonly detection: boolean;
  /** Runs on the service shell, which ends its shutdown within CHURNWATCH_SHUTDOWN_TIMEOUT_MS. */
  readonly shutdownDeadline: boolean;
  /** An HTTP port for people or other services, beside the metrics port, and the variable that sets it. */
  readonly http?: { readonly port: number; readonly variable: string };
  /** Its own settings and secrets (files from Secret volumes, or variables from Secret keys). */
  readonly own?: { readonly env: readonly IEnvVar[]; readonly volumes: readonly IVolume[]; readonly mounts: readonly IVolumeMount[] };
}

const detectionResources = { cpuRequest: '250m', cpuLimit: '1', memoryRequestMi: 256, memoryLimitMi: 768 } as const;

const detection = (service: string, lagTopic: string): Workload => ({
  service,
  kafka: 'kafka-and-registry',
  consumer: { group: `churnwatch.${service}`, lagTopic },
  replicas: 1,
  resources: detectionResources,
  detection: true,
  shutdownDeadline: true,
});

export const workloads: readonly Workload[] = [
  detection('usage-monitor', 'usage'),
  detection('contract-monitor', 'purchases'),
  detection('complaint-monitor', 'complaints'),
  detection('purchase-monitor', 'purchases'),
  detection('risk-scorer', 'churnwatch.signals'),
  detection('kpi-aggregator', 'churnwatch.kpi-changes'),
  {
    service: 'notifier',
    kafka: 'kafka-and-registry',
    consumer: { group: 'churnwatch.notifier', lagTopic: 'churnwatch.alerts', lagGroups: notifierLagGroups('churnwatch.notifier') },
    replicas: 1,
    resources: { cpuRequest: '100m', cpuLimit: '500m', memoryRequestMi: 128, memoryLimitMi: 256 },
    detection: false,
    shutdownDeadline: true,
  },
  ...accountViewWorkloads,
];

/**
 * Partitions of every topic (the topics job creates them so). More consumers than partitions in
 * one group sit idle, so KEDA's maximum replica count is this number.
 */
export const partitions = 6;

/** CHURNWATCH_SHUTDOWN_TIMEOUT_MS of every service; the pod's grace period must exceed it or SIGKILL cuts a commit short. */
export const shutdownTimeoutMs = 20_000;
export const terminationGracePeriodSeconds = 45;

export const metricsPort = 9464;
export const image = 'churnwatch:0.1.0';
/** The image's non-root user (node, uid 1000 in the Node base image). */
export const runAsUser = 1000;
