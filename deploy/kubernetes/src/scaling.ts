import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { brokersVariable, kafkaSecret } from './connection.ts';
import { componentOf, labelsOf } from './labels.ts';
import { partitions, type Workload } from './workloads.ts';

export const kafkaTriggerAuthentication = 'churnwatch-kafka';

/** KEDA logs in to Kafka with the same Secret as the services (SASL/SCRAM over TLS). */
export function triggerAuthentication(): TriggerAuthentication {
  return new TriggerAuthentication({
    metadata: { name: kafkaTriggerAuthentication, labels: labelsOf('keda-kafka') },
    spec: {
      secretTargetRef: [
        { parameter: 'username', name: kafkaSecret, key: 'username' },
        { parameter: 'password', name: kafkaSecret, key: 'password' },
        { parameter: 'ca', name: kafkaSecret, key: 'ca.crt' },
      ],
    },
  });
}

/**
 * Scales a consumer on its group's lag. The maximum is the partition count: Kafka gives each
 * partition to one member of a group, so replicas beyond it would only idle (and join every
 * rebalance). The minimum stays 1: a detection service's wall-clock timers (silence, renewals)
 * must run even when no record arrives, so it never scales to zero. One trigger per group the
 * service consumes in (the notifier: one per route); KEDA follows the one that asks for most replicas.
 */
export function scaledObjectOf(workload: Workload & Required<Pick<Workload, 'consumer'>>): ScaledObject {
  const { consumer } = workload;
  const component = componentOf(workload);
  return new ScaledObject({
    metadata: { name: component, labels: labelsOf(component) },
    spec: {
      scaleTargetRef: { name: component },
      minReplicaCount: 1,
      maxReplicaCount: partitions,
      pollingInterval: 30,
      // Scale-down waits out the state restore a rebalance costs.
      cooldownPeriod: 300,
      triggers: (consumer.lagGroups ?? [consumer.group]).map((group) => ({
        type: 'kafka',
        authenticationRef: { name: kafkaTriggerAuthentication },
        metadata: {
          // Read from the scaled Deployment's own environment (the connection ConfigMap): one place to set it.
          bootstrapServersFromEnv: brokersVariable,
          consumerGroup: group,
          topic: consumer.lagTopic,
          lagThreshold: '5000',
          allowIdleConsumers: 'false',
          sasl: 'scram_sha512',
          tls: 'enable',
        },
      })),
    },
  });
}
