import { ConfigMap, type IEnvFromSource, type IEnvVar, type IVolume, type IVolumeMount, Secret } from 'kubernetes-models/v1';
import { labelsOf } from './labels.ts';
import type { Workload } from './workloads.ts';

/** Where the credential Secrets are mounted; the services read them through the `…_FILE` variables. */
export const kafkaSecretDir = '/var/run/secrets/churnwatch/kafka';
export const registrySecretDir = '/var/run/secrets/churnwatch/registry';
export const connectionConfigMap = 'churnwatch-connection';
export const kafkaSecret = 'churnwatch-kafka';
export const registrySecret = 'churnwatch-schema-registry';
export const brokersVariable = 'CHURNWATCH_KAFKA_BROKERS';

/** Broker address, protocol and mechanism: not secret, shared by every workload (edit to your cluster). */
export function connectionSettings(): ConfigMap {
  return new ConfigMap({
    metadata: { name: connectionConfigMap, labels: labelsOf('connection') },
    data: {
      [brokersVariable]: 'kafka-bootstrap.kafka.svc:9093',
      CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      CHURNWATCH_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      CHURNWATCH_SCHEMA_REGISTRY_URL: 'https://schema-registry.kafka.svc:8081',
      CHURNWATCH_DELIVERY: 'at-least-once',
    },
  });
}

/**
 * The credentials, with placeholders: replace them (kubectl create secret … --dry-run=client -o
 * yaml, a sealed secret, or an external-secrets operator) before the services can log in. Keys
 * become files under the mount folder.
 */
export function credentialSecrets(): Secret[] {
  return [
    new Secret({
      metadata: { name: kafkaSecret, labels: labelsOf('kafka-credentials') },
      type: 'Opaque',
      stringData: { 'ca.crt': 'REPLACE with the PEM CA bundle of the brokers', username: 'REPLACE', password: 'REPLACE' },
    }),
    new Secret({
      metadata: { name: registrySecret, labels: labelsOf('schema-registry-credentials') },
      type: 'Opaque',
      stringData: { 'ca.crt': 'REPLACE with the PEM CA bundle of the registry', username: 'REPLACE', password: 'REPLACE' },
    }),
  ];
}

/** Which credentials a workload reads: Kafka's alone, or the schema registry's as well. */
export type CredentialScope = 'kafka' | 'kafka-and-registry';

/** The variables that point the services at the mounted files. */
export function credentialEnv(scope: CredentialScope = 'kafka-and-registry'): IEnvVar[] {
  const kafka: IEnvVar[] = [
    { name: 'CHURNWATCH_KAFKA_SSL_CA_FILE', value: `${kafkaSecretDir}/ca.crt` },
    { name: 'CHURNWATCH_KAFKA_SASL_USERNAME_FILE', value: `${kafkaSecretDir}/username` },
    { name: 'CHURNWATCH_KAFKA_SASL_PASSWORD_FILE', value: `${kafkaSecretDir}/password` },
  ];
  if (scope === 'kafka') return kafka;
  return [
    ...kafka,
    { name: 'CHURNWATCH_SCHEMA_REGISTRY_CA_FILE', value: `${registrySecretDir}/ca.crt` },
    { name: 'CHURNWATCH_SCHEMA_REGISTRY_USERNAME_FILE', value: `${registrySecretDir}/username` },
    { name: 'CHURNWATCH_SCHEMA_REGISTRY_PASSWORD_FILE', value: `${registrySecretDir}/password` },
  ];
}

export function credentialVolumes(scope: CredentialScope = 'kafka-and-registry'): { volumes: IVolume[]; mounts: IVolumeMount[] } {
  const kafka = {
    volume: { name: 'kafka-credentials', secret: { secretName: kafkaSecret, defaultMode: 0o440 } },
    mount: { name: 'kafka-credentials', mountPath: kafkaSecretDir, readOnly: true },
  };
  if (scope === 'kafka') return { volumes: [kafka.volume], mounts: [kafka.mount] };
  return {
    volumes: [kafka.volume, { name: 'registry-credentials', secret: { secretName: registrySecret, defaultMode: 0o440 } }],
    mounts: [kafka.mount, { name: 'registry-credentials', mountPath: registrySecretDir, readOnly: true }],
  };
}

/** How the workload reaches Kafka: the connection ConfigMap and the credential files, or nothing. */
export function connectionOf(kafka: Workload['kafka']): { envFrom: IEnvFromSource[]; env: IEnvVar[]; volumes: IVolume[]; mounts: IVolumeMount[] } {
  switch (kafka) {
    case 'none':
      return { envFrom: [], env: [], volumes: [], mounts: [] };
    default:
      return { envFrom: [{ configMapRef: { name: connectionConfigMap } }], env: credentialEnv(kafka), ...credentialVolumes(kafka) };
  }
}
