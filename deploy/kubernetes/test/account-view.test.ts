import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
// The services' own configuration loaders and the shell's, by path: the test proves the manifests set the variables they read.
import { configureService } from '../../../packages/service-shell/src/configure.ts';
import { loadAccountPageConfig } from '../../../services/account-page/src/config.ts';
import { loadAccountStoreConfig } from '../../../services/account-store/src/config.ts';
import { loadConfig as loadAlertActionsConfig } from '../../../services/alert-actions/src/config.ts';
import { type Json, named, objects, ofKind, podEnvironment, type SecretValue } from './pod-environment.ts';

const dir = mkdtempSync(join(tmpdir(), 'churnwatch-k8s-account-view-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deployment = (service: string) => named('Deployment', `churnwatch-${service}`)!;
const containerOf = (workload: Json) => workload.spec.template.spec.containers[0];
const envValue = (workload: Json, name: string) => containerOf(workload).env.find((e: Json) => e.name === name)?.value as string | undefined;

/** A CA certificate for the Kafka Secret: the shell reads and checks the PEM. */
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=test-ca', '-days', '2'], {
  cwd: dir,
  stdio: 'ignore',
});

/** What an operator puts into the Secrets: values every loader accepts. */
const realSecrets: Record<string, string> = {
  'churnwatch-kafka/ca.crt': readFileSync(join(dir, 'ca.pem'), 'utf8'),
  'churnwatch-kafka/username': 'churnwatch',
  'churnwatch-kafka/password': 'kafka-password',
  'churnwatch-database/account-store-url': 'postgres://store:s3cret@postgres.db.svc:5432/churnwatch',
  'churnwatch-database/account-page-url': 'postgres://reader:s3cret@postgres.db.svc:5432/churnwatch',
  'churnwatch-account-page/token': 'page-token-0123456789',
  'churnwatch-account-page/csrf-secret': 'csrf-0123456789abcdef0123456789abcdef',
  'churnwatch-alert-actions/api-token': 'api-token-0123456789abcdef0123456789',
  'churnwatch-alert-actions/slack-signing-secret': 'slack-signing-0123456789',
};
const filled: SecretValue = (secret, key) => realSecrets[`${secret}/${key}`] ?? `value of ${secret}/${key}`;
/** The generated placeholders, as they stand. */
const placeholders: SecretValue = (secret, key) => {
  const object = named('Secret', secret)!;
  return object.stringData?.[key] ?? '';
};
const environment = (service: string, values: SecretValue, tag: string) => podEnvironment(deployment(service), objects, values, join(dir, tag, service)).env;

describe('the account view on Kubernetes: account store, account page, alert actions', () => {
  test('each service accepts the environment its Deployment gives it, once the Secrets are filled in', () => {
    const { shell, config: store } = configureService('account-store', environment('account-store', filled, 'filled'), loadAccountStoreConfig);
    // The store logs in to Kafka as the detection services do: SASL over TLS with the mounted credentials.
    expect(shell).toMatchObject({ metricsPort: 9464, shutdownTimeoutMs: 20_000 });
    expect(shell.kafkaSecurity).toMatchObject({
      protocol: 'SASL_SSL',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'churnwatch', password: 'kafka-password' },
    });
    expect(store).toMatchObject({ groupId: 'churnwatch.account-store', databaseUrl: realSecrets['churnwatch-database/account-store-url'] });
    expect(store.kafkaBrokers).toEqual([named('ConfigMap', 'churnwatch-connection')!.data.CHURNWATCH_KAFKA_BROKERS]);

    const { shell: pageShell, config: page } = configureService('account-page', environment('account-page', filled, 'filled'), loadAccountPageConfig);
    expect(pageShell).toMatchObject({ metricsPort: 9464, shutdownTimeoutMs: 20_000, kafkaSecurity: { protocol: 'PLAINTEXT' } });
    expect(page).toMatchObject({
      databaseUrl: realSecrets['churnwatch-database/account-page-url'],
      port: 8080,
      auth: { token: realSecrets['churnwatch-account-page/token'] },
      csrfSecret: realSecrets['churnwatch-account-page/csrf-secret'],
      actions: { url: 'http://churnwatch-alert-actions:8087', token: realSecrets['churnwatch-alert-actions/api-token'] },
    });

    const { shell: apiShell, config: api } = configureService('alert-actions', environment('alert-actions', filled, 'filled'), loadAlertActionsConfig);
    // The actions API logs in to Kafka like the store; it has a shutdown deadline like every service on the shell.
    expect(apiShell).toMatchObject({ metricsPort: 9464, shutdownTimeoutMs: 20_000 });
    expect(apiShell.kafkaSecurity).toMatchObject({
      protocol: 'SASL_SSL',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'churnwatch', password: 'kafka-password' },
    });
    expect(api).toMatchObject({ port: 8087, apiToken: realSecrets['churnwatch-alert-actions/api-token'] });
    expect(api.brokers).toEqual([named('ConfigMap', 'churnwatch-connection')!.data.CHURNWATCH_KAFKA_BROKERS]);
    expect(api.slack?.signingSecret).toBe(realSecrets['churnwatch-alert-actions/slack-signing-secret']);
  });

  test('the placeholders stop each service at start-up naming the variable, and the empty Slack secret turns Slack off', () => {
    expect(() => loadAccountStoreConfig(environment('account-store', placeholders, 'placeholders'))).toThrow(/CHURNWATCH_DATABASE_URL/);
    const page = () => loadAccountPageConfig(environment('account-page', placeholders, 'placeholders'));
    expect(page).toThrow(/CHURNWATCH_DATABASE_URL/);
    expect(page).toThrow(/CHURNWATCH_ACCOUNT_PAGE_TOKEN/);
    expect(page).toThrow(/CHURNWATCH_ACCOUNT_PAGE_CSRF_SECRET/);
    expect(() => loadAlertActionsConfig(environment('alert-actions', placeholders, 'placeholders'))).toThrow(
      /CHURNWATCH_ALERT_ACTIONS_TOKEN: must be at least 32/,
    );
    const slackOff = (secret: string, key: string) => (key === 'slack-signing-secret' ? placeholders(secret, key) : filled(secret, key));
    expect(loadAlertActionsConfig(environment('alert-actions', slackOff, 'slack-off')).slack).toBeNull();
  });

  test("the page's buttons point at the alert-actions Service, on the port the service listens on", () => {
    const url = new URL(envValue(deployment('account-page'), 'CHURNWATCH_ALERT_ACTIONS_URL')!);
    const service = named('Service', url.hostname);
    expect(service?.spec.selector).toEqual(deployment('alert-actions').spec.template.metadata.labels);
    const servicePort = service!.spec.ports.find((port: Json) => port.port === Number(url.port));
    const containerPort = containerOf(deployment('alert-actions')).ports.find((port: Json) => port.name === servicePort.targetPort);
    expect(containerPort.containerPort).toBe(Number(envValue(deployment('alert-actions'), 'CHURNWATCH_ALERT_ACTIONS_PORT')));
  });

  test('every secret is a mounted file named by its `…_FILE` variable, never a value or a variable from a Secret key', () => {
    for (const service of ['account-store', 'account-page', 'alert-actions']) {
      const env = containerOf(deployment(service)).env as Json[];
      for (const variable of env) {
        expect(variable.valueFrom?.secretKeyRef, `${service} ${variable.name}`).toBeUndefined();
        if (/TOKEN|SECRET|PASSWORD|DATABASE_URL/.test(variable.name)) {
          expect(variable.name, service).toMatch(/_FILE$/);
          expect(variable.value, variable.name).toMatch(/^\/var\/run\/secrets\//);
        }
      }
    }
    const names = (service: string) => containerOf(deployment(service)).env.map((variable: Json) => variable.name);
    expect(names('account-store')).toContain('CHURNWATCH_DATABASE_URL_FILE');
    expect(names('account-page')).toEqual(
      expect.arrayContaining(['CHURNWATCH_DATABASE_URL_FILE', 'CHURNWATCH_ACCOUNT_PAGE_TOKEN_FILE', 'CHURNWATCH_ACCOUNT_PAGE_CSRF_SECRET_FILE']),
    );
    // The store and the page each see their own database URL only.
    const databaseKeys = (service: string) =>
      deployment(service)
        .spec.template.spec.volumes.find((v: Json) => v.secret?.secretName === 'churnwatch-database')
        .secret.items.map((item: Json) => item.key);
    expect(databaseKeys('account-store')).toEqual(['account-store-url']);
    expect(databaseKeys('account-page')).toEqual(['account-page-url']);
    // The page sees the API token but not Slack's signing secret.
    const pageVolume = deployment('account-page').spec.template.spec.volumes.find((v: Json) => v.secret?.secretName === 'churnwatch-alert-actions');
    expect(pageVolume.secret.items.map((item: Json) => item.key)).toEqual(['api-token']);
  });

  test('the store scales on its consumer lag; the HTTP services keep two replicas, with a Service port each, and no scaler', () => {
    const [scaled] = ofKind('ScaledObject').filter((s) => s.metadata.name === 'churnwatch-account-store');
    expect(scaled?.spec.triggers[0].metadata).toMatchObject({ consumerGroup: 'churnwatch.account-store', topic: 'churnwatch.customer-health' });
    for (const service of ['account-page', 'alert-actions']) {
      expect(named('ScaledObject', `churnwatch-${service}`), service).toBeUndefined();
      expect(deployment(service).spec.replicas).toBe(2);
      expect(named('Service', `churnwatch-${service}`)!.spec.ports.map((port: Json) => port.name)).toEqual(['http', 'metrics']);
      expect(named('PodDisruptionBudget', `churnwatch-${service}`)!.spec.maxUnavailable).toBe(1);
    }
    // The page reaches no Kafka at all; the actions API reads the connection settings and the Kafka credentials like the store.
    expect(containerOf(deployment('account-page')).envFrom).toBeUndefined();
    for (const service of ['alert-actions', 'account-store']) {
      const container = containerOf(deployment(service));
      expect(container.envFrom, service).toEqual([{ configMapRef: { name: 'churnwatch-connection' } }]);
      expect(
        container.volumeMounts.map((mount: Json) => mount.mountPath),
        service,
      ).toContain('/var/run/secrets/churnwatch/kafka');
    }
  });
});
