import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { type IContainerPort, type IEnvVar, type IVolume, type IVolumeMount, Service } from 'kubernetes-models/v1';
import { connectionOf } from './connection.ts';
import { detectionConfigMap, detectionConfigPath } from './detection-config.ts';
import { componentOf, labelsOf } from './labels.ts';
import { image, metricsPort, runAsUser, shutdownTimeoutMs, terminationGracePeriodSeconds, type Workload } from './workloads.ts';

/** V8's old space capped at three quarters of the memory limit: the rest is Node's own and the buffers'. */
const heapCapMi = (workload: Workload) => Math.floor(workload.resources.memoryLimitMi * 0.75);

function envOf(workload: Workload): IEnvVar[] {
  return [
    ...(workload.consumer ? [{ name: 'CHURNWATCH_APPLICATION_ID', value: workload.consumer.group }] : []),
    { name: 'CHURNWATCH_METRICS_PORT', value: String(metricsPort) },
    ...(workload.http ? [{ name: workload.http.variable, value: String(workload.http.port) }] : []),
    ...(workload.shutdownDeadline ? [{ name: 'CHURNWATCH_SHUTDOWN_TIMEOUT_MS', value: String(shutdownTimeoutMs) }] : []),
    { name: 'NODE_OPTIONS', value: `--max-old-space-size=${heapCapMi(workload)}` },
    ...(workload.detection ? [{ name: 'CHURNWATCH_DETECTION_CONFIG_FILE', value: detectionConfigPath }] : []),
    ...connectionOf(workload.kafka).env,
    ...(workload.own?.env ?? []),
  ];
}

function storage(workload: Workload): { volumes: IVolume[]; mounts: IVolumeMount[] } {
  const connection = connectionOf(workload.kafka);
  const volumes: IVolume[] = [...connection.volumes, { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }];
  const mounts: IVolumeMount[] = [...connection.mounts, { name: 'tmp', mountPath: '/tmp' }];
  if (workload.detection) {
    volumes.push({ name: 'detection-config', configMap: { name: detectionConfigMap } });
    mounts.push({ name: 'detection-config', mountPath: '/etc/churnwatch', readOnly: true });
  }
  volumes.push(...(workload.own?.volumes ?? []));
  mounts.push(...(workload.own?.mounts ?? []));
  return { volumes, mounts };
}

/** The metrics port, and the HTTP port people or other services call where the workload has one. */
function portsOf(workload: Workload): IContainerPort[] {
  const metrics: IContainerPort = { name: 'metrics', containerPort: metricsPort, protocol: 'TCP' };
  return workload.http ? [{ name: 'http', containerPort: workload.http.port, protocol: 'TCP' }, metrics] : [metrics];
}

/**
 * One Deployment per service: non-root, read-only root filesystem (a small /tmp), no privilege,
 * requests and limits from the benchmarks, liveness on /healthz (the process works), readiness on
 * /readyz (joined, restored), and a grace period longer than the service's own shutdown deadline.
 * A consumer's replicas are KEDA's to set (see scaling.ts), one to begin with; the HTTP services keep
 * theirs (see account-view.ts).
 */
export function deploymentOf(workload: Workload): Deployment {
  const component = componentOf(workload);
  const labels = labelsOf(component);
  const { volumes, mounts } = storage(workload);
  const { resources } = workload;
  const { envFrom } = connectionOf(workload.kafka);
  return new Deployment({
    metadata: { name: component, labels },
    spec: {
      replicas: workload.replicas,
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
              ...(envFrom.length > 0 ? { envFrom } : {}),
              env: envOf(workload),
              ports: portsOf(workload),
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

/** The metrics port as a Service, for the ServiceMonitor to find, and the HTTP port under the same number inside the cluster. */
export function serviceOf(workload: Workload): Service {
  const component = componentOf(workload);
  const ports = portsOf(workload).map((port) => ({ name: port.name, port: port.containerPort, targetPort: port.name, protocol: port.protocol }));
  return new Service({ metadata: { name: component, labels: labelsOf(component) }, spec: { selector: labelsOf(component), ports } });
}
