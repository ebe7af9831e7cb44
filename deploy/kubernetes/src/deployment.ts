import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { type IEnvVar, type IVolume, type IVolumeMount, Service } from 'kubernetes-models/v1';
import { connectionConfigMap, credentialEnv, credentialVolumes } from './connection.ts';
import { detectionConfigMap, detectionConfigPath } from './detection-config.ts';
import { labelsOf } from './labels.ts';
import { image, metricsPort, runAsUser, shutdownTimeoutMs, terminationGracePeriodSeconds, type Workload } from './workloads.ts';

export const componentOf = (workload: Workload) => `churnwatch-${workload.service}`;

/** V8's old space capped at three quarters of the memory limit: the rest is Node's own and the buffers'. */
const heapCapMi = (workload: Workload) => Math.floor(workload.resources.memoryLimitMi * 0.75);

function envOf(workload: Workload): IEnvVar[] {
  return [
    { name: 'CHURNWATCH_APPLICATION_ID', value: workload.consumerGroup },
    { name: 'CHURNWATCH_METRICS_PORT', value: String(metricsPort) },
    { name: 'CHURNWATCH_SHUTDOWN_TIMEOUT_MS', value: String(shutdownTimeoutMs) },
    { name: 'NODE_OPTIONS', value: `--max-old-space-size=${heapCapMi(workload)}` },
    ...(workload.detection ? [{ name: 'CHURNWATCH_DETECTION_CONFIG_FILE', value: detectionConfigPath }] : []),
    ...credentialEnv(),
  ];
}

function storage(workload: Workload): { volumes: IVolume[]; mounts: IVolumeMount[] } {
  const credentials = credentialVolumes();
  const volumes: IVolume[] = [...credentials.volumes, { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }];
  const mounts: IVolumeMount[] = [...credentials.mounts, { name: 'tmp', mountPath: '/tmp' }];
  if (workload.detection) {
    volumes.push({ name: 'detection-config', configMap: { name: detectionConfigMap } });
    mounts.push({ name: 'detection-config', mountPath: '/etc/churnwatch', readOnly: true });
  }
  return { volumes, mounts };
}

/**
 * One Deployment per service: non-root, read-only root filesystem (a small /tmp), no privilege,
 * requests and limits from the benchmarks, liveness on /healthz (the process works), readiness on
 * /readyz (joined, restored), and a grace period longer than the service's own shutdown deadline.
 * Replicas are KEDA's to set (see scaling.ts); one to begin with.
 */
export function deploymentOf(workload: Workload): Deployment {
  const component = componentOf(workload);
  const labels = labelsOf(component);
  const { volumes, mounts } = storage(workload);
  const { resources } = workload;
  return new Deployment({
    metadata: { name: component, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      // Never two generations consuming at once beyond what a rebalance sorts out, and never none.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser, runAsGroup: runAsUser, fsGroup: runAsUser, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: workload.service,
              image,
              // The image's exec-form entry point is node (PID 1): the kubelet's SIGTERM reaches the service's shutdown.
              args: [`services/${workload.service}/src/main.ts`],
              envFrom: [{ configMapRef: { name: connectionConfigMap } }],
              env: envOf(workload),
              ports: [{ name: 'metrics', containerPort: metricsPort, protocol: 'TCP' }],
              resources: {
                requests: { cpu: resources.cpuRequest, memory: `${resources.memoryRequestMi}Mi` },
                limits: { cpu: resources.cpuLimit, memory: `${resources.memoryLimitMi}Mi` },
              },
              livenessProbe: { httpGet: { path: '/healthz', port: 'metrics' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 },
              // Restoring state can take a while: not ready meanwhile, but alive.
              readinessProbe: { httpGet: { path: '/readyz', port: 'metrics' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
    },
  });
}

/** At most one pod of a service away at once for voluntary disruptions (drains, upgrades). */
export function disruptionBudgetOf(workload: Workload): PodDisruptionBudget {
  const component = componentOf(workload);
  return new PodDisruptionBudget({
    metadata: { name: component, labels: labelsOf(component) },
    spec: { maxUnavailable: 1, selector: { matchLabels: labelsOf(component) } },
  });
}

/** The metrics port as a Service, for the ServiceMonitor to find. */
export function serviceOf(workload: Workload): Service {
  const component = componentOf(workload);
  return new Service({
    metadata: { name: component, labels: labelsOf(component) },
    spec: { selector: labelsOf(component), ports: [{ name: 'metrics', port: metricsPort, targetPort: 'metrics', protocol: 'TCP' }] },
  });
}
