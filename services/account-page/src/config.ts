import { ConfigError } from '@churnwatch/errors';
import { collectIssues, parseEnvWithSecrets } from '@churnwatch/service-shell';
import { envName } from '@churnwatch/stream-runtime';
import { z } from 'zod';

/**
 * Read from CHURNWATCH_<FIELD> variables (see services/README.md); each of `secretVariables` may
 * instead come from the file its `…_FILE` variable names, as Kubernetes mounts secrets.
 */
const settingsSchema = z.object({
  /** postgres://user@host:port/database — the account store's database. */
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }),
  accountPagePort: z.coerce.number().int().min(0).max(65_535).default(8080),
  accountPageHost: z.string().min(1).default('0.0.0.0'),
  /** A shared secret: `Authorization: Bearer <token>`, or once `?token=<token>` (then a cookie). */
  accountPageToken: z.string().min(16, 'at least 16 characters').optional(),
  /** A header a reverse proxy sets after it signed the user in (e.g. x-forwarded-user); requests without it are refused. */
  accountPageTrustedHeader: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name')
    .transform((name) => name.toLowerCase())
    .optional(),
  /** The alert-actions service (POST /v1/alert-actions); without it the page shows no action buttons. */
  alertActionsUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** That API's bearer token; required with the URL. */
  alertActionsToken: z.string().trim().optional(),
  /** Signs the forms' anti-forgery tokens; set the same one on every replica (default: random per process). */
  accountPageCsrfSecret: z.string().min(32, 'at least 32 characters').optional(),
});

export interface AccountPageConfig {
  readonly databaseUrl: string;
  readonly port: number;
  readonly host: string;
  readonly auth: { readonly token?: string; readonly trustedHeader?: string };
  /** Where the action buttons send their actions; absent: the page only reads. */
  readonly actions?: { readonly url: string; readonly token: string };
  readonly csrfSecret?: string;
}

const secretVariables = ['databaseUrl', 'accountPageToken', 'accountPageCsrfSecret', 'alertActionsToken'].map((field) => envName(field));

/** Parses the environment once; no page is served without a way to authenticate, so one of the two must be set. */
export function loadAccountPageConfig(env: Readonly<Record<string, string | undefined>>): AccountPageConfig {
  const issues: string[] = [];
  const settings = collectIssues(issues, () => parseEnvWithSecrets(settingsSchema, env, secretVariables));
  // Checked on the raw variables too, so that it is named even when another setting is wrong.
  if (!env[envName('accountPageToken')] && !env[envName('accountPageTokenFile')] && !env[envName('accountPageTrustedHeader')])
    issues.push(`${envName('accountPageToken')} or ${envName('accountPageTrustedHeader')}: set one, no page is served without authentication`);
  const actionsToken = settings?.alertActionsToken;
  if (settings?.alertActionsUrl !== undefined && !actionsToken)
    issues.push(`${envName('alertActionsToken')} or ${envName('alertActionsTokenFile')}: required with ${envName('alertActionsUrl')} (the API's bearer token)`);
  if (issues.length > 0 || !settings) throw new ConfigError('the environment', issues);
  return {
    databaseUrl: settings.databaseUrl,
    port: settings.accountPagePort,
    host: settings.accountPageHost,
    auth: {
      ...(settings.accountPageToken ? { token: settings.accountPageToken } : {}),
      ...(settings.accountPageTrustedHeader ? { trustedHeader: settings.accountPageTrustedHeader } : {}),
    },
    ...(settings.alertActionsUrl && actionsToken ? { actions: { url: settings.alertActionsUrl, token: actionsToken } } : {}),
    ...(settings.accountPageCsrfSecret ? { csrfSecret: settings.accountPageCsrfSecret } : {}),
  };
}
