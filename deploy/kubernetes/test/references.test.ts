import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { brokenVolumes, type Json, keysOf, objects, ofKind, podEnvironment } from './pod-environment.ts';

const dir = mkdtempSync(join(tmpdir(), 'churnwatch-k8s-references-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const workloads = [...ofKind('Deployment'), ...ofKind('Job')];
const secretValue = (secret: string, key: string) => `value of ${secret}/${key}`;
const brokenOf = (workload: Json, from: readonly unknown[]) => [
  ...podEnvironment(workload, from, secretValue, join(dir, workload.metadata.name)).broken,
  ...brokenVolumes(workload, from),
];

describe('every reference between the objects resolves', () => {
  test('every Secret, ConfigMap and key a Deployment or the Job reads exists, and every `…_FILE` names a mounted file', () => {
    expect(workloads.length).toBeGreaterThanOrEqual(10);
    for (const workload of workloads) expect(brokenOf(workload, objects), workload.metadata.name).toEqual([]);
    // The files the variables name hold what the Secret keys hold.
    const page = workloads.find((w) => w.metadata.name === 'churnwatch-account-page')!;
    const { env } = podEnvironment(page, objects, secretValue, join(dir, 'page-files'));
    expect(readFileSync(env.CHURNWATCH_ALERT_ACTIONS_TOKEN_FILE!, 'utf8')).toBe('value of churnwatch-alert-actions/api-token');
  });

  test('the check finds a missing Secret, a missing key, a file not mounted and a file not in the volume', () => {
    const store = ofKind('Deployment').find((d) => d.metadata.name === 'churnwatch-account-store')!;
    const withoutDatabaseSecret = objects.filter((o) => !(o.kind === 'Secret' && o.metadata?.name === 'churnwatch-database'));
    expect(brokenOf(store, withoutDatabaseSecret).join('\n')).toMatch(/Secret churnwatch-database has no key account-store-url/);

    const api = ofKind('Deployment').find((d) => d.metadata.name === 'churnwatch-alert-actions')!;
    const [container] = api.spec.template.spec.containers;
    container.env.push({ name: 'CHURNWATCH_OTHER_FILE', value: '/var/run/secrets/elsewhere/x' });
    container.env.push({ name: 'CHURNWATCH_THIRD_FILE', value: '/var/run/secrets/churnwatch/alert-actions/not-listed' });
    api.spec.template.spec.volumes.at(-1).secret.items.push({ key: 'no-such-key', path: 'no-such-key' });
    const broken = brokenOf(api, objects).join('\n');
    expect(broken).toMatch(/CHURNWATCH_OTHER_FILE: nothing mounted at \/var\/run\/secrets\/elsewhere/);
    expect(broken).toMatch(/CHURNWATCH_THIRD_FILE: the volume alert-actions-credentials has no file not-listed/);
    expect(broken).toMatch(/Secret churnwatch-alert-actions has no key no-such-key/);
  });

  test('every key of every Secret is read by some workload (no credential without a reader)', () => {
    const read = new Set<string>();
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      for (const variable of pod.containers[0].env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref) read.add(`${ref.name}/${ref.key}`);
      }
      for (const volume of pod.volumes ?? []) {
        if (!volume.secret) continue;
        const keys = volume.secret.items?.map((item: Json) => item.key) ?? keysOf(ofKind('Secret').find((s) => s.metadata.name === volume.secret.secretName));
        for (const key of keys) read.add(`${volume.secret.secretName}/${key}`);
      }
    }
    const stored = ofKind('Secret').flatMap((secret) => keysOf(secret).map((key) => `${secret.metadata.name}/${key}`));
    expect(stored.filter((key) => !read.has(key))).toEqual([]);
  });

  test("every Service selects a Deployment's pods and targets ports its container declares", () => {
    const deployments = ofKind('Deployment');
    for (const service of ofKind('Service')) {
      const target = deployments.find((d) => Object.entries(service.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v));
      expect(target, service.metadata.name).toBeDefined();
      const declared = target!.spec.template.spec.containers[0].ports.map((port: Json) => port.name);
      for (const port of service.spec.ports) expect(declared, `${service.metadata.name} ${port.name}`).toContain(port.targetPort);
    }
  });

  test('KEDA logs in with keys of an existing Secret', () => {
    const [auth] = ofKind('TriggerAuthentication');
    for (const ref of auth!.spec.secretTargetRef) expect(keysOf(ofKind('Secret').find((s) => s.metadata.name === ref.name))).toContain(ref.key);
  });
});
