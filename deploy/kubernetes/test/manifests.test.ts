import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { partitions, renderManifests, shutdownTimeoutMs, workloads } from '../src/index.ts';
import { manifestsDir } from '../src/write-manifests.ts';
import { objects, ofKind } from './pod-environment.ts';

describe('the Kubernetes manifests', () => {
  test('every object validates against its schema (Kubernetes, KEDA, Prometheus Operator)', () => {
    expect(objects.length).toBeGreaterThan(30);
    for (const object of objects) expect(() => object.validate(), `${object.kind} ${object.metadata?.name}`).not.toThrow();
    expect(new Set(objects.map((object) => object.apiVersion))).toEqual(
      new Set(['v1', 'apps/v1', 'batch/v1', 'policy/v1', 'keda.sh/v1alpha1', 'monitoring.coreos.com/v1']),
    );
  });

  test('the schemas do catch mistakes: a Deployment without a selector, and a wrong type, are refused', () => {
    const broken = new Deployment({ metadata: { name: 'x' }, spec: { template: {} } as never });
    expect(() => broken.validate()).toThrow(/selector/);
    const wrongType = new Deployment({ metadata: { name: 'x' }, spec: { replicas: 'two' as never, selector: {}, template: {} } });
    expect(() => wrongType.validate()).toThrow(/replicas/);
  });

  test('deploy/kubernetes/manifests/ is what the TypeScript generates (regenerate with pnpm --filter @churnwatch/kubernetes generate)', () => {
    const rendered = renderManifests();
    expect(readdirSync(manifestsDir).sort()).toEqual(Object.keys(rendered).sort());
    expect(Object.keys(rendered)).toEqual(expect.arrayContaining(['account-store.yaml', 'account-page.yaml', 'alert-actions.yaml']));
    for (const [file, text] of Object.entries(rendered)) expect(readFileSync(join(manifestsDir, file), 'utf8'), file).toBe(text);
    // And the YAML reads back as the objects.
    const documents = Object.entries(rendered)
      .filter(([file]) => file !== 'kustomization.yaml')
      .flatMap(([, text]) => parseAllDocuments(text).map((document) => document.toJSON()));
    expect(documents).toEqual(objects.map((object) => JSON.parse(JSON.stringify(object.toJSON()))));
  });

  test('one Deployment per service: non-root, read-only root, limits, probes, grace period above the shutdown deadline', () => {
    const deployments = ofKind('Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(workloads.map((w) => `churnwatch-${w.service}`).sort());
    // Every service of the repository runs in the cluster.
    const services = readdirSync(new URL('../../../services/', import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(services.map((entry) => `churnwatch-${entry.name}`).sort());
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.stringMatching(/Mi$/) });
      expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.stringMatching(/Mi$/) });
      // The image holds the repository: the entry point each container names is a file of it.
      expect(existsSync(new URL(`../../../${container.args[0]}`, import.meta.url)), container.args[0]).toBe(true);
      expect(container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
      // The services on the shell end their shutdown within the deadline; the grace period outlasts it.
      const workload = workloads.find((w) => `churnwatch-${w.service}` === deployment.metadata.name)!;
      const shutdown = container.env.find((e: { name: string }) => e.name === 'CHURNWATCH_SHUTDOWN_TIMEOUT_MS')?.value;
      expect(shutdown === undefined ? undefined : Number(shutdown)).toBe(workload.shutdownDeadline ? shutdownTimeoutMs : undefined);
      expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(shutdownTimeoutMs);
      // The heap cap leaves room below the memory limit.
      const heapMi = Number(/--max-old-space-size=(\d+)/.exec(container.env.find((e: { name: string }) => e.name === 'NODE_OPTIONS').value)?.[1]);
      expect(heapMi).toBeLessThan(Number.parseInt(container.resources.limits.memory, 10));
      // Kafka credentials come as files, never as literal values; every other mount but /tmp is read-only.
      for (const variable of container.env) expect(variable.name.endsWith('PASSWORD') || variable.name.endsWith('USERNAME')).toBe(false);
      const expectedReadOnly = { 'kafka-and-registry': 2, kafka: 1, none: 0 }[workload.kafka];
      expect(container.volumeMounts.filter((mount: { readOnly?: boolean }) => mount.readOnly).length).toBeGreaterThanOrEqual(expectedReadOnly);
      expect(
        container.volumeMounts.filter((mount: { readOnly?: boolean; mountPath: string }) => !mount.readOnly).map((m: { mountPath: string }) => m.mountPath),
      ).toEqual(['/tmp']);
    }
  });

  test('a PodDisruptionBudget and a Service per service, a KEDA ScaledObject per consumer group, the replicas capped by the partitions', () => {
    for (const kind of ['PodDisruptionBudget', 'Service']) expect(ofKind(kind), kind).toHaveLength(workloads.length);
    const consumers = workloads.filter((w) => w.consumer);
    expect(consumers.length).toBe(8);
    expect(
      ofKind('ScaledObject').map((s) => s.spec.triggers.map((trigger: { metadata: { consumerGroup: string } }) => trigger.metadata.consumerGroup)),
    ).toEqual(consumers.map((w) => w.consumer?.lagGroups ?? [w.consumer?.group]));
    for (const scaled of ofKind('ScaledObject')) {
      expect(scaled.spec.maxReplicaCount).toBe(partitions);
      expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
      for (const trigger of scaled.spec.triggers)
        expect(trigger).toMatchObject({
          type: 'kafka',
          authenticationRef: { name: 'churnwatch-kafka' },
          metadata: { sasl: 'scram_sha512', tls: 'enable' },
        });
    }
    const job = ofKind('Job')[0]!;
    expect(job.spec.template.spec.containers[0].args).toEqual(expect.arrayContaining(['topics', '--partitions', String(partitions)]));
    expect(ofKind('ServiceMonitor')).toHaveLength(1);
    expect(ofKind('TriggerAuthentication')).toHaveLength(1);
    expect(ofKind('ConfigMap').map((map) => map.metadata.name)).toContain('churnwatch-detection');
    expect(
      ofKind('Secret')
        .map((secret) => secret.metadata.name)
        .sort(),
    ).toEqual(['churnwatch-account-page', 'churnwatch-alert-actions', 'churnwatch-database', 'churnwatch-kafka', 'churnwatch-schema-registry']);
  });

  test('the detection thresholds ConfigMap holds deploy/config/detection.json', () => {
    const map = ofKind('ConfigMap').find((m) => m.metadata.name === 'churnwatch-detection')!;
    expect(map.data['detection.json']).toBe(readFileSync(new URL('../../config/detection.json', import.meta.url), 'utf8'));
  });
});
