import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@churnwatch/errors';
import { makeTestPki } from '@churnwatch/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeKafkaSecurity, kafkaClientSecurity, parseKafkaSecurity, parseRegistrySecurity } from '../src/index.ts';

let dir: string;
let caFile: string;
let keyFile: string;
let certFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'churnwatch-security-'));
  const pki = makeTestPki(join(dir, 'pki'));
  caFile = pki.caFile;
  keyFile = join(pki.dir, 'broker.key');
  certFile = join(pki.dir, 'broker.pem');
  // openssl makes four RSA keys: seconds on a busy machine.
}, 60_000);

function issuesOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.join('\n');
  }
  throw new Error('expected a ConfigError');
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('Kafka security settings', () => {
  test('without settings the client is plaintext and gets no ssl or sasl options', () => {
    const security = parseKafkaSecurity({});
    expect(security).toEqual({ protocol: 'PLAINTEXT' });
    expect(kafkaClientSecurity(security)).toEqual({});
  });

  test('SASL_SSL with SCRAM: the password comes from a mounted file, the CA is checked and passed on', () => {
    const security = parseKafkaSecurity({
      CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      CHURNWATCH_KAFKA_SASL_MECHANISM: 'scram-sha-512',
      CHURNWATCH_KAFKA_SASL_USERNAME: 'svc',
      CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: file('password', 's3cret-from-file\n'),
      CHURNWATCH_KAFKA_SSL_CA_FILE: caFile,
      CHURNWATCH_KAFKA_SSL_SERVER_NAME: 'kafka.internal',
    });
    const options = kafkaClientSecurity(security);
    expect(options.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'svc', password: 's3cret-from-file' });
    expect(options.ssl).toMatchObject({ rejectUnauthorized: true, servername: 'kafka.internal', ca: [expect.stringContaining('BEGIN CERTIFICATE')] });
    const described = JSON.stringify(describeKafkaSecurity(security));
    expect(described).toContain('SCRAM-SHA-512');
    expect(described).not.toContain('s3cret-from-file');
    expect(described).not.toContain('svc');
  });

  test('mutual TLS takes the client certificate and key; PLAIN and SCRAM-SHA-256 map to kafkajs names', () => {
    const mtls = parseKafkaSecurity({
      CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SSL',
      CHURNWATCH_KAFKA_SSL_CA_FILE: caFile,
      CHURNWATCH_KAFKA_SSL_CERTIFICATE_FILE: certFile,
      CHURNWATCH_KAFKA_SSL_KEY_FILE: keyFile,
    });
    expect(kafkaClientSecurity(mtls).ssl).toMatchObject({ cert: expect.stringContaining('BEGIN CERTIFICATE'), key: expect.stringContaining('PRIVATE KEY') });
    for (const [mechanism, kafkajs] of [
      ['PLAIN', 'plain'],
      ['SCRAM-SHA-256', 'scram-sha-256'],
    ] as const) {
      const security = parseKafkaSecurity({
        CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        CHURNWATCH_KAFKA_SASL_MECHANISM: mechanism,
        CHURNWATCH_KAFKA_SASL_USERNAME: 'u',
        CHURNWATCH_KAFKA_SASL_PASSWORD: 'p',
      });
      expect(kafkaClientSecurity(security)).toEqual({
        ssl: { rejectUnauthorized: true },
        connectionTimeout: 10_000,
        sasl: { mechanism: kafkajs, username: 'u', password: 'p' },
      });
    }
  });

  test('OAUTHBEARER reads the token file on every authentication, so a rotated token is used', async () => {
    const tokenFile = file('token', 'first-token\n');
    const sasl = kafkaClientSecurity(
      parseKafkaSecurity({
        CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        CHURNWATCH_KAFKA_SASL_MECHANISM: 'OAUTHBEARER',
        CHURNWATCH_KAFKA_SASL_OAUTHBEARER_TOKEN_FILE: tokenFile,
      }),
    ).sasl as { mechanism: string; oauthBearerProvider: () => Promise<{ value: string }> };
    expect(sasl.mechanism).toBe('oauthbearer');
    expect(await sasl.oauthBearerProvider()).toEqual({ value: 'first-token' });
    writeFileSync(tokenFile, 'second-token');
    expect(await sasl.oauthBearerProvider()).toEqual({ value: 'second-token' });
  });

  test('a missing secret file, a file and a value both set, and an unreadable CA are each named', () => {
    const issues = issuesOf(() =>
      parseKafkaSecurity({
        CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        CHURNWATCH_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        CHURNWATCH_KAFKA_SASL_USERNAME: 'u',
        CHURNWATCH_KAFKA_SASL_USERNAME_FILE: file('user', 'u'),
        CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: join(dir, 'no-such-password'),
        CHURNWATCH_KAFKA_SSL_CA_FILE: file('not-a-ca.pem', 'hello'),
      }),
    );
    expect(issues).toContain('CHURNWATCH_KAFKA_SASL_USERNAME and CHURNWATCH_KAFKA_SASL_USERNAME_FILE: set one of them, not both');
    expect(issues).toContain(`CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: cannot read ${join(dir, 'no-such-password')} (ENOENT)`);
    expect(issues).toMatch(/CHURNWATCH_KAFKA_SSL_CA_FILE: .*not-a-ca\.pem holds no PEM certificate/);
  });

  test('inconsistent combinations are refused with what to set', () => {
    expect(issuesOf(() => parseKafkaSecurity({ CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }))).toContain(
      'CHURNWATCH_KAFKA_SASL_MECHANISM: SASL_SSL needs one of',
    );
    expect(issuesOf(() => parseKafkaSecurity({ CHURNWATCH_KAFKA_SSL_CA_FILE: caFile }))).toContain(
      'TLS settings need CHURNWATCH_KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL',
    );
    expect(issuesOf(() => parseKafkaSecurity({ CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'TLS' }))).toContain(
      'CHURNWATCH_KAFKA_SECURITY_PROTOCOL: "TLS": expected one of',
    );
    expect(issuesOf(() => parseKafkaSecurity({ CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SSL', CHURNWATCH_KAFKA_SSL_CERTIFICATE_FILE: certFile }))).toContain(
      'mutual TLS needs both the client certificate and its key',
    );
    const empty = issuesOf(() =>
      parseKafkaSecurity({
        CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        CHURNWATCH_KAFKA_SASL_MECHANISM: 'PLAIN',
        CHURNWATCH_KAFKA_SASL_USERNAME: 'u',
        CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: file('empty', '\n'),
      }),
    );
    expect(empty).toContain('is empty');
  });
});

describe('schema registry security settings', () => {
  test('basic auth from files and a CA for an https registry', () => {
    const security = parseRegistrySecurity({
      CHURNWATCH_SCHEMA_REGISTRY_URL: 'https://registry.internal',
      CHURNWATCH_SCHEMA_REGISTRY_USERNAME_FILE: file('reg-user', 'reader'),
      CHURNWATCH_SCHEMA_REGISTRY_PASSWORD_FILE: file('reg-pass', 'reg-secret'),
      CHURNWATCH_SCHEMA_REGISTRY_CA_FILE: caFile,
    });
    expect(security.basicAuth).toEqual({ username: 'reader', password: 'reg-secret' });
    expect(security.ca).toContain('BEGIN CERTIFICATE');
  });

  test('credentials in the URL and basic auth over http are refused', () => {
    expect(issuesOf(() => parseRegistrySecurity({ CHURNWATCH_SCHEMA_REGISTRY_URL: 'https://u:p@registry' }))).toContain('not in the URL');
    expect(
      issuesOf(() =>
        parseRegistrySecurity({
          CHURNWATCH_SCHEMA_REGISTRY_URL: 'http://registry',
          CHURNWATCH_SCHEMA_REGISTRY_USERNAME: 'u',
          CHURNWATCH_SCHEMA_REGISTRY_PASSWORD: 'p',
        }),
      ),
    ).toContain('basic auth needs an https URL');
  });
});
