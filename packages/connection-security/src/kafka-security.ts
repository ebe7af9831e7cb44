import { ConfigError } from '@churnwatch/errors';
import { z } from 'zod';
import { checkCertificates, checkPrivateKey } from './pem-checks.ts';
import { type Env, lookupFile, lookupSecret, type ReadText, readTextFile } from './secret-source.ts';

export const securityProtocols = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const saslMechanisms = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN', 'OAUTHBEARER'] as const;
export type SecurityProtocol = (typeof securityProtocols)[number];
export type SaslMechanism = (typeof saslMechanisms)[number];

/** TLS settings as files were read at start-up. `ca` undefined: the system's CAs. */
export interface KafkaTls {
  readonly ca?: string;
  readonly caFile?: string;
  readonly certificate?: string;
  readonly certificateFile?: string;
  readonly key?: string;
  readonly keyPassword?: string;
  readonly serverName?: string;
}

export type KafkaSasl =
  | { readonly mechanism: 'SCRAM-SHA-512' | 'SCRAM-SHA-256' | 'PLAIN'; readonly username: string; readonly password: string }
  /** The token file is read again on every authentication: a sidecar or the platform may rotate it. */
  | { readonly mechanism: 'OAUTHBEARER'; readonly tokenFile: string };

/** How churnwatch's Kafka clients connect: plain data, secrets included; never log it whole (see describeKafkaSecurity). */
export interface KafkaSecurity {
  readonly protocol: SecurityProtocol;
  readonly tls?: KafkaTls;
  readonly sasl?: KafkaSasl;
}

export const plaintext: KafkaSecurity = { protocol: 'PLAINTEXT' };

const protocolSchema = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(securityProtocols, { error: `expected one of ${securityProtocols.join(', ')}` }));
const mechanismSchema = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(saslMechanisms, { error: `expected one of ${saslMechanisms.join(', ')}` }));

const V = {
  protocol: 'CHURNWATCH_KAFKA_SECURITY_PROTOCOL',
  ca: 'CHURNWATCH_KAFKA_SSL_CA_FILE',
  certificate: 'CHURNWATCH_KAFKA_SSL_CERTIFICATE_FILE',
  key: 'CHURNWATCH_KAFKA_SSL_KEY_FILE',
  keyPassword: 'CHURNWATCH_KAFKA_SSL_KEY_PASSWORD',
  serverName: 'CHURNWATCH_KAFKA_SSL_SERVER_NAME',
  mechanism: 'CHURNWATCH_KAFKA_SASL_MECHANISM',
  username: 'CHURNWATCH_KAFKA_SASL_USERNAME',
  password: 'CHURNWATCH_KAFKA_SASL_PASSWORD',
  tokenFile: 'CHURNWATCH_KAFKA_SASL_OAUTHBEARER_TOKEN_FILE',
} as const;

/** The variables this module reads, for documentation and tests. */
export const kafkaSecurityVariables = V;

const set = (env: Env, variable: string) => (env[variable] ?? '') !== '' || (env[`${variable}_FILE`] ?? '') !== '';

function parseEnum<T>(schema: z.ZodType<T>, env: Env, variable: string, issues: string[]): T | undefined {
  const raw = env[variable];
  if (raw === undefined || raw === '') return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  issues.push(`${variable}: "${raw}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return undefined;
}

function readTls(env: Env, readText: ReadText, issues: string[]): KafkaTls {
  const ca = lookupFile(env, V.ca, readText);
  const certificate = lookupFile(env, V.certificate, readText);
  const key = lookupFile(env, V.key, readText);
  const keyPassword = lookupSecret(env, V.keyPassword, readText);
  for (const found of [ca, certificate, key, keyPassword]) if (found.issue) issues.push(found.issue);
  for (const [variable, found] of [
    [V.ca, ca],
    [V.certificate, certificate],
  ] as const) {
    if (found.value === undefined) continue;
    const checked = checkCertificates(found.value);
    if ('issue' in checked) issues.push(`${variable}: ${found.path} ${checked.issue}`);
  }
  if ((certificate.value === undefined) !== (key.value === undefined) && !certificate.issue && !key.issue) {
    issues.push(`${V.certificate} and ${V.key}: mutual TLS needs both the client certificate and its key`);
  }
  if (key.value !== undefined) {
    const checked = checkPrivateKey(key.value, keyPassword.value);
    if (checked.issue) issues.push(`${V.key}: ${key.path} ${checked.issue}`);
  }
  const serverName = env[V.serverName] || undefined;
  return {
    ...(ca.value === undefined ? {} : { ca: ca.value, caFile: ca.path }),
    ...(certificate.value === undefined ? {} : { certificate: certificate.value, certificateFile: certificate.path }),
    ...(key.value === undefined ? {} : { key: key.value }),
    ...(keyPassword.value === undefined ? {} : { keyPassword: keyPassword.value }),
    ...(serverName === undefined ? {} : { serverName }),
  };
}

function readSasl(mechanism: SaslMechanism, env: Env, readText: ReadText, issues: string[]): KafkaSasl | undefined {
  if (mechanism === 'OAUTHBEARER') {
    const token = lookupFile(env, V.tokenFile, readText);
    if (token.issue) issues.push(token.issue);
    else if (token.path === undefined) issues.push(`${V.tokenFile}: OAUTHBEARER needs a file holding the access token (kept fresh by your token issuer)`);
    else if (token.value?.trim() === '') issues.push(`${V.tokenFile}: ${token.path} is empty`);
    return token.path === undefined ? undefined : { mechanism, tokenFile: token.path };
  }
  const username = lookupSecret(env, V.username, readText);
  const password = lookupSecret(env, V.password, readText);
  for (const found of [username, password]) if (found.issue) issues.push(found.issue);
  if (username.value === undefined && !username.issue) issues.push(`${V.username} (or ${V.username}_FILE): ${mechanism} needs a user name`);
  if (password.value === undefined && !password.issue) issues.push(`${V.password} (or ${V.password}_FILE): ${mechanism} needs a password`);
  if (username.value === undefined || password.value === undefined) return undefined;
  return { mechanism, username: username.value, password: password.value };
}

/**
 * Reads how to reach a secured Kafka from `CHURNWATCH_KAFKA_*` variables (see kafkaSecurityVariables),
 * reading and checking every named file now: a missing file, a file that is no certificate or key,
 * a key that does not open, a SASL mechanism without its credentials, or TLS settings on a
 * plaintext protocol each become an issue naming the variable. Throws one ConfigError with all.
 */
export function parseKafkaSecurity(env: Env, readText: ReadText = readTextFile): KafkaSecurity {
  const issues: string[] = [];
  const protocol = parseEnum(protocolSchema, env, V.protocol, issues) ?? 'PLAINTEXT';
  const mechanism = parseEnum(mechanismSchema, env, V.mechanism, issues);
  const usesTls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const usesSasl = protocol === 'SASL_SSL' || protocol === 'SASL_PLAINTEXT';

  const tlsVariables = [V.ca, V.certificate, V.key, V.keyPassword, V.serverName].filter((variable) => set(env, variable));
  if (!usesTls && tlsVariables.length > 0) {
    issues.push(`${tlsVariables.join(', ')}: TLS settings need ${V.protocol}=SSL or SASL_SSL (it is ${protocol})`);
  }
  const saslVariables = [V.mechanism, V.username, V.password, V.tokenFile].filter((variable) => set(env, variable));
  if (!usesSasl && saslVariables.length > 0) {
    issues.push(`${saslVariables.join(', ')}: SASL settings need ${V.protocol}=SASL_SSL or SASL_PLAINTEXT (it is ${protocol})`);
  }
  if (usesSasl && mechanism === undefined && !set(env, V.mechanism)) {
    issues.push(`${V.mechanism}: ${protocol} needs one of ${saslMechanisms.join(', ')}`);
  }
  const tls = usesTls ? readTls(env, readText, issues) : undefined;
  const sasl = usesSasl && mechanism !== undefined ? readSasl(mechanism, env, readText, issues) : undefined;
  if (issues.length > 0) throw new ConfigError('the Kafka security settings', issues);
  return { protocol, ...(tls ? { tls } : {}), ...(sasl ? { sasl } : {}) };
}

/**
 * What may be logged about the connection: protocol, mechanism and file paths. Not the user name
 * either: on managed clusters (Confluent Cloud, for one) it is an API key, half of the credential.
 */
export function describeKafkaSecurity(security: KafkaSecurity): Record<string, unknown> {
  const { tls, sasl } = security;
  return {
    protocol: security.protocol,
    ...(tls ? { tls: { caFile: tls.caFile ?? 'system CAs', clientCertificateFile: tls.certificateFile ?? null, serverName: tls.serverName ?? null } } : {}),
    ...(sasl ? { sasl: sasl.mechanism === 'OAUTHBEARER' ? { mechanism: sasl.mechanism, tokenFile: sasl.tokenFile } : { mechanism: sasl.mechanism } } : {}),
  };
}
