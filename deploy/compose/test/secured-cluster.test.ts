// deploy/compose/secured-cluster.yml points the compose services at a secured cluster. Without a
// Docker engine, this checks what compose would hand each container: the variables, the secret
// files they name, and that the settings parse into a SASL_SSL connection.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { kafkaClientSecurity, parseKafkaSecurity } from '@churnwatch/connection-security';
import { describe, expect, test } from 'vitest';
import { parse, type Tags } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
// Compose's `!reset` tag empties what the base file set; `!override` replaces it whole. Read as the values they stand for.
const customTags: Tags = [
  { tag: '!reset', collection: 'map', resolve: () => ({}) },
  { tag: '!override', collection: 'map', resolve: (map) => map.toJSON() },
];

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  depends_on?: Record<string, unknown>;
}
const base = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const secured = parse(read('deploy/compose/secured-cluster.yml'), { merge: true, customTags }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};

/** `${NAME:?…}` and `${NAME:-default}` as compose substitutes them from `env`. */
function substitute(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::[-?]([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => env[name] ?? fallback ?? '');
}

describe('deploy/compose/secured-cluster.yml', () => {
  test('covers every churnwatch container of docker-compose.yml and drops their dependency on the bundled broker', () => {
    const churnwatch = Object.entries(base.services)
      .filter(([, service]) => (service as { image?: string }).image === 'churnwatch:local')
      .map(([name]) => name);
    expect(Object.keys(secured.services).sort()).toEqual(churnwatch.sort());
    for (const [name, service] of Object.entries(secured.services)) {
      expect(service.depends_on, name).toBeDefined();
      expect(Object.keys(service.depends_on ?? {}), name).not.toContain('kafka');
      expect(Object.keys(service.depends_on ?? {}), name).not.toContain('topics');
    }
    expect(Object.keys(secured.services['account-store']?.depends_on ?? {})).toEqual(['postgres']);
  });

  test('every secret file a variable names is mounted from a declared secret, and the settings parse into SASL_SSL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'churnwatch-compose-secrets-'));
    // Any PEM certificate will do as the CA bundle here: one of Node's own roots.
    const files: Record<string, string> = { 'kafka-ca': join(dir, 'ca.pem'), 'kafka-username': join(dir, 'user'), 'kafka-password': join(dir, 'password') };
    writeFileSync(files['kafka-ca']!, rootCertificates[0]!);
    writeFileSync(files['kafka-username']!, 'churnwatch\n');
    writeFileSync(files['kafka-password']!, 'compose-secret\n');
    for (const [name, service] of Object.entries(secured.services)) {
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([variable, value]) => [
          variable,
          substitute(value, { CHURNWATCH_KAFKA_BROKERS: 'kafka-1.example.com:9093' }),
        ]),
      );
      for (const [variable, value] of Object.entries(env).filter(([variable]) => variable.endsWith('_FILE'))) {
        const secret = /^\/run\/secrets\/(.+)$/.exec(value)?.[1];
        expect(secret, `${name} ${variable}`).toBeDefined();
        expect(service.secrets, name).toContain(secret);
        expect(secured.secrets[secret!]?.file, secret).toMatch(/^\.\/deploy\/compose\/secrets\//);
        env[variable] = files[secret!]!;
      }
      const options = kafkaClientSecurity(parseKafkaSecurity(env));
      expect(options.sasl, name).toEqual({ mechanism: 'scram-sha-512', username: 'churnwatch', password: 'compose-secret' });
      expect(options.ssl, name).toMatchObject({ rejectUnauthorized: true });
      expect(env.CHURNWATCH_KAFKA_BROKERS).toBe('kafka-1.example.com:9093');
      for (const part of service.command ?? []) expect(part.includes('kafka:9092'), `${name}: ${part}`).toBe(false);
    }
  });
});
