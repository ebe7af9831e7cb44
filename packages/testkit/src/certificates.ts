import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM and PKCS#12 files of a throw-away PKI made with openssl, for TLS tests on loopback. */
export interface TestPki {
  readonly dir: string;
  /** The CA that signed the broker's certificates. */
  readonly caFile: string;
  /** A second CA that signed nothing the broker shows: "wrong CA". */
  readonly otherCaFile: string;
  /** PKCS#12 keystore: the broker's key with a current certificate for 127.0.0.1 and localhost, signed by the CA. */
  readonly brokerKeystore: string;
  /** The same, but the certificate expired in 2020. */
  readonly expiredKeystore: string;
  readonly keystorePassword: string;
}

const openssl = (cwd: string, args: readonly string[]) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

function makeCa(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', `/CN=${name}`, '-days', '2']);
}

/** A key and a certificate for 127.0.0.1/localhost signed by `ca.pem` between `start` and `end` (YYYYMMDDHHMMSSZ), as a PKCS#12 keystore. */
function makeBrokerKeystore(dir: string, name: string, start: string, end: string, password: string): string {
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=localhost']);
  writeFileSync(join(dir, `${name}.index`), '');
  writeFileSync(
    join(dir, `${name}.cnf`),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `database = ${name}.index`,
      'new_certs_dir = .',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'rand_serial = yes',
      'x509_extensions = broker',
      '[any]',
      'commonName = supplied',
      '[broker]',
      'subjectAltName = IP:127.0.0.1,DNS:localhost',
      'extendedKeyUsage = serverAuth,clientAuth',
      '',
    ].join('\n'),
  );
  openssl(dir, [
    'ca',
    '-batch',
    '-notext',
    '-config',
    `${name}.cnf`,
    '-cert',
    'ca.pem',
    '-keyfile',
    'ca.key',
    '-in',
    `${name}.csr`,
    '-out',
    `${name}.pem`,
    '-startdate',
    start,
    '-enddate',
    end,
  ]);
  const keystore = join(dir, `${name}.p12`);
  openssl(dir, [
    'pkcs12',
    '-export',
    '-in',
    `${name}.pem`,
    '-inkey',
    `${name}.key`,
    '-certfile',
    'ca.pem',
    '-name',
    'broker',
    '-out',
    keystore,
    '-passout',
    `pass:${password}`,
  ]);
  return keystore;
}

const stamp = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** Makes the CA, a foreign CA, and current and expired broker keystores in `dir` (about a second with openssl). */
export function makeTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  const keystorePassword = 'keystore-pass';
  const now = Date.now();
  const brokerKeystore = makeBrokerKeystore(dir, 'broker', stamp(new Date(now - 3_600_000)), stamp(new Date(now + 2 * 86_400_000)), keystorePassword);
  const expiredKeystore = makeBrokerKeystore(dir, 'expired', '20200101000000Z', '20200201000000Z', keystorePassword);
  return { dir, caFile: join(dir, 'ca.pem'), otherCaFile: join(dir, 'other-ca.pem'), brokerKeystore, expiredKeystore, keystorePassword };
}
