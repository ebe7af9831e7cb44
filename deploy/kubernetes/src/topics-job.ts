import { Job } from 'kubernetes-models/batch/v1';
import { connectionConfigMap, credentialEnv, credentialVolumes } from './connection.ts';
import { labelsOf } from './labels.ts';
import { image, partitions, runAsUser } from './workloads.ts';

/** Creates the topics that do not exist yet (`churnwatch topics`), over the same secured connection; safe to run again. */
export function topicsJob(): Job {
  const labels = labelsOf('churnwatch-topics');
  const credentials = credentialVolumes();
  return new Job({
    metadata: { name: 'churnwatch-topics', labels },
    spec: {
      backoffLimit: 6,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser, runAsGroup: runAsUser, fsGroup: runAsUser, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'topics',
              image,
              args: ['packages/cli/src/main.ts', 'topics', '--brokers', '$(CHURNWATCH_KAFKA_BROKERS)', '--partitions', String(partitions)],
              envFrom: [{ configMapRef: { name: connectionConfigMap } }],
              env: credentialEnv(),
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: credentials.mounts,
            },
          ],
          volumes: credentials.volumes,
        },
      },
    },
  });
}
