import { type IEnvVar, type IVolume, type IVolumeMount, Secret } from 'kubernetes-models/v1';
import { labelsOf } from './labels.ts';

/** The PostgreSQL URLs (user and password inside): one key per service, so that the page can use a read-only role. */
export const databaseSecret = { name: 'churnwatch-database', storeUrl: 'account-store-url', pageUrl: 'account-page-url' } as const;
/** The page's own secrets: the shared sign-in token and the key that signs its forms. */
export const accountPageSecret = { name: 'churnwatch-account-page', token: 'token', csrfSecret: 'csrf-secret' } as const;
/** The actions API's bearer token (the page presents it too) and Slack's signing secret. */
export const alertActionsSecret = { name: 'churnwatch-alert-actions', apiToken: 'api-token', slackSigningSecret: 'slack-signing-secret' } as const;

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

/** A Secret of the account view and where its files appear in a pod. */
export interface FileSecret {
  readonly name: string;
  /** The pod's volume name. */
  readonly volume: string;
  readonly dir: string;
}

export const databaseFiles: FileSecret = { name: databaseSecret.name, volume: 'database-credentials', dir: '/var/run/secrets/churnwatch/database' };
export const accountPageFiles: FileSecret = {
  name: accountPageSecret.name,
  volume: 'account-page-credentials',
  dir: '/var/run/secrets/churnwatch/account-page',
};
export const alertActionsFiles: FileSecret = {
  name: alertActionsSecret.name,
  volume: 'alert-actions-credentials',
  dir: '/var/run/secrets/churnwatch/alert-actions',
};

/** Files of several Secrets in one pod: the env, volumes and mounts of each, joined. */
export type SecretFiles = { env: IEnvVar[]; volumes: IVolume[]; mounts: IVolumeMount[] };

/**
 * A Secret mounted with only the keys given, each as a file, and the `…_FILE` variables that name
 * them (variable → key); a pod sees no key it does not read.
 */
export function secretFiles(secret: FileSecret, files: Readonly<Record<string, string>>): SecretFiles {
  const entries = Object.entries(files);
  return {
    env: entries.map(([variable, key]) => ({ name: variable, value: `${secret.dir}/${key}` })),
    volumes: [{ name: secret.volume, secret: { secretName: secret.name, defaultMode: 0o440, items: entries.map(([, key]) => ({ key, path: key })) } }],
    mounts: [{ name: secret.volume, mountPath: secret.dir, readOnly: true }],
  };
}

export function joinFiles(...parts: readonly SecretFiles[]): SecretFiles {
  return {
    env: parts.flatMap((part) => part.env),
    volumes: parts.flatMap((part) => part.volumes),
    mounts: parts.flatMap((part) => part.mounts),
  };
}
