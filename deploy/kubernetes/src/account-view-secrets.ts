import { type IEnvVar, type IVolume, type IVolumeMount, Secret } from 'kubernetes-models/v1';
import { labelsOf } from './labels.ts';

/** The PostgreSQL URLs (user and password inside): one key per service, so that the page can use a read-only role. */
export const databaseSecret = { name: 'churnwatch-database', storeUrl: 'account-store-url', pageUrl: 'account-page-url' } as const;
/** The page's own secrets: the shared sign-in token and the key that signs its forms. */
export const accountPageSecret = { name: 'churnwatch-account-page', token: 'token', csrfSecret: 'csrf-secret' } as const;
/** The actions API's bearer token (the page presents it too) and Slack's signing secret. */
export const alertActionsSecret = { name: 'churnwatch-alert-actions', apiToken: 'api-token', slackSigningSecret: 'slack-signing-secret' } as const;
export const alertActionsSecretDir = '/var/run/secrets/churnwatch/alert-actions';

/**
 * Placeholders, like the Kafka credentials: replace them before the services start. Each one as
 * it stands fails the service's own check (not a URL, too short), so a pod that still has one
 * exits 78 naming its variable instead of running with a guessable secret. The Slack secret is
 * empty on purpose: empty turns the Slack endpoint off (it answers 404) until Slack's is set.
 */
export function accountViewSecrets(): Secret[] {
  return [
    new Secret({
      metadata: { name: databaseSecret.name, labels: labelsOf('database-credentials') },
      type: 'Opaque',
      stringData: {
        [databaseSecret.storeUrl]: 'REPLACE with postgres://user:password@host:5432/database (a role that may create tables)',
        [databaseSecret.pageUrl]: 'REPLACE with postgres://user:password@host:5432/database (a role that may read)',
      },
    }),
    new Secret({
      metadata: { name: accountPageSecret.name, labels: labelsOf('account-page-credentials') },
      type: 'Opaque',
      stringData: { [accountPageSecret.token]: 'REPLACE', [accountPageSecret.csrfSecret]: 'REPLACE' },
    }),
    new Secret({
      metadata: { name: alertActionsSecret.name, labels: labelsOf('alert-actions-credentials') },
      type: 'Opaque',
      stringData: { [alertActionsSecret.apiToken]: 'REPLACE', [alertActionsSecret.slackSigningSecret]: '' },
    }),
  ];
}

/** A variable read from a Secret key: for the settings a service takes only as a variable, not as `…_FILE`. */
export const secretVariable = (name: string, secret: string, key: string): IEnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

/**
 * The alert-actions Secret mounted with only the keys given, each as a file, and the `…_FILE`
 * variables that name them; a pod sees no key it does not read.
 */
export function alertActionsFiles(files: Readonly<Record<string, string>>): { env: IEnvVar[]; volumes: IVolume[]; mounts: IVolumeMount[] } {
  const entries = Object.entries(files);
  return {
    env: entries.map(([variable, key]) => ({ name: variable, value: `${alertActionsSecretDir}/${key}` })),
    volumes: [
      {
        name: 'alert-actions-credentials',
        secret: { secretName: alertActionsSecret.name, defaultMode: 0o440, items: entries.map(([, key]) => ({ key, path: key })) },
      },
    ],
    mounts: [{ name: 'alert-actions-credentials', mountPath: alertActionsSecretDir, readOnly: true }],
  };
}
