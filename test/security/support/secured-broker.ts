// A broker with SASL_SSL listeners for the security tests: one per test file. The test's own PKI
// (openssl) and SCRAM/PLAIN users; one listener shows a current certificate, one an expired one.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KafkaSecurity, kafkaClientSecurity, parseKafkaSecurity } from '@churnwatch/connection-security';
import { LocalKafka, type SaslUser } from '@churnwatch/local-kafka';
import { makeTestPki, type TestPki, uniqueName } from '@churnwatch/testkit';
import { Kafka, logLevel } from 'kafkajs';

/** Passwords chosen to be found by a text search if they ever leak. */
export const users = {
  scram512: { mechanism: 'SCRAM-SHA-512', username: 'svc-detect', password: 'Scram512-pw-Q7xv3LmN' },
  scram256: { mechanism: 'SCRAM-SHA-256', username: 'svc-score', password: 'Scram256-pw-K2wd8RtY' },
  plain: { mechanism: 'PLAIN', username: 'svc-notify', password: 'Plain-pw-H5nb1ZcX' },
} as const satisfies Record<string, SaslUser>;

export interface SecuredBroker {
  readonly broker: LocalKafka;
  readonly pki: TestPki;
  readonly dir: string;
  /** The SASL_SSL listener with a current certificate. */
  readonly bootstrap: string;
  /** A SASL_SSL listener whose certificate expired in 2020. */
  readonly expiredBootstrap: string;
  /** CHURNWATCH_* variables that connect as `user`, the password in a mounted file. */
  envFor(user: SaslUser, overrides?: Readonly<Record<string, string>>): Record<string, string>;
  /** A kafkajs client for the test itself, connected as `user`. */
  client(user: SaslUser): Kafka;
}

export async function startSecuredBroker(): Promise<SecuredBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'churnwatch-secured-'));
  const pki = makeTestPki(join(dir, 'pki'));
  const broker = await LocalKafka.start({
    heapMb: 512,
    security: {
      listeners: [
        { name: 'SASL_SSL', keystoreFile: pki.brokerKeystore, keystorePassword: pki.keystorePassword },
        { name: 'EXPIRED', keystoreFile: pki.expiredKeystore, keystorePassword: pki.keystorePassword },
      ],
      users: Object.values(users),
      unsecuredOauthbearer: true,
    },
  });
  mkdirSync(join(dir, 'secrets'));
  const envFor = (user: SaslUser, overrides: Readonly<Record<string, string>> = {}) => {
    const passwordFile = join(dir, 'secrets', `${user.username}.password`);
    writeFileSync(passwordFile, `${user.password}\n`, { mode: 0o600 });
    return {
      CHURNWATCH_KAFKA_BROKERS: broker.securedBootstrapServer(),
      CHURNWATCH_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      CHURNWATCH_KAFKA_SSL_CA_FILE: pki.caFile,
      CHURNWATCH_KAFKA_SASL_MECHANISM: user.mechanism,
      CHURNWATCH_KAFKA_SASL_USERNAME: user.username,
      CHURNWATCH_KAFKA_SASL_PASSWORD_FILE: passwordFile,
      ...overrides,
    };
  };
  const securityFor = (user: SaslUser): KafkaSecurity => parseKafkaSecurity(envFor(user));
  return {
    broker,
    pki,
    dir,
    bootstrap: broker.securedBootstrapServer(),
    expiredBootstrap: broker.securedBootstrapServer('EXPIRED'),
    envFor,
    client: (user) =>
      new Kafka({
        clientId: uniqueName('secured-test'),
        brokers: [broker.securedBootstrapServer()],
        logLevel: logLevel.NOTHING,
        ...kafkaClientSecurity(securityFor(user)),
      }),
  };
}
