/** A user the broker accepts, with the SASL mechanism the user logs in with. */
export interface SaslUser {
  readonly mechanism: 'SCRAM-SHA-512' | 'SCRAM-SHA-256' | 'PLAIN';
  readonly username: string;
  readonly password: string;
}

/** A SASL_SSL listener on loopback that shows the certificate in `keystoreFile` (PKCS#12). */
export interface SecuredListener {
  /** Listener name, upper case: `SASL_SSL`, or another to show a different certificate (`EXPIRED`). */
  readonly name: string;
  readonly keystoreFile: string;
  readonly keystorePassword: string;
}

/**
 * The broker's secured side: SASL_SSL listeners beside the plaintext one (which stays for the
 * broker's own traffic and the launcher's readiness probe), and the users they accept. SCRAM
 * users are written into the storage at format time, PLAIN users into the listener's JAAS line.
 */
export interface LocalKafkaSecurity {
  readonly listeners: readonly SecuredListener[];
  readonly users: readonly SaslUser[];
  /**
   * Also accept OAUTHBEARER with Kafka's built-in unsecured validator: unsigned JWTs whose
   * `sub` is the principal. For tests of the client side only; it checks no signature.
   */
  readonly unsecuredOauthbearer?: boolean;
}

const listenerName = /^[A-Z][A-Z0-9_]*$/;
// Characters that would break the storage tool's `[name=…,password=…]` syntax or a JAAS quoted string.
const unsafe = /[[\]",=\\\s]/;

/** Refuses names and credentials the broker's configuration syntax cannot carry, before anything starts. */
export function checkSecurity(security: LocalKafkaSecurity): void {
  if (security.listeners.length === 0) throw new Error('a secured broker needs at least one SASL_SSL listener');
  for (const listener of security.listeners) {
    if (!listenerName.test(listener.name) || ['PLAINTEXT', 'CONTROLLER'].includes(listener.name)) {
      throw new Error(`listener name "${listener.name}": upper-case letters, digits and _, not PLAINTEXT or CONTROLLER`);
    }
  }
  for (const user of security.users) {
    if (unsafe.test(user.username) || unsafe.test(user.password))
      throw new Error(`SASL user "${user.username}": names and passwords may not hold [ ] " , = \\ or spaces`);
  }
}

/** server.properties entries for the secured listeners (their ports given by name). */
export function securedListenerProperties(security: LocalKafkaSecurity): Record<string, string> {
  const mechanisms = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN', ...(security.unsecuredOauthbearer ? ['OAUTHBEARER'] : [])];
  const plainUsers = security.users
    .filter((user) => user.mechanism === 'PLAIN')
    .map((user) => ` user_${user.username}="${user.password}"`)
    .join('');
  const properties: Record<string, string> = {};
  for (const listener of security.listeners) {
    const prefix = `listener.name.${listener.name.toLowerCase()}`;
    Object.assign(properties, {
      [`${prefix}.ssl.keystore.type`]: 'PKCS12',
      [`${prefix}.ssl.keystore.location`]: listener.keystoreFile,
      [`${prefix}.ssl.keystore.password`]: listener.keystorePassword,
      [`${prefix}.ssl.key.password`]: listener.keystorePassword,
      [`${prefix}.sasl.enabled.mechanisms`]: mechanisms.join(','),
      [`${prefix}.scram-sha-512.sasl.jaas.config`]: 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      [`${prefix}.scram-sha-256.sasl.jaas.config`]: 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      [`${prefix}.plain.sasl.jaas.config`]: `org.apache.kafka.common.security.plain.PlainLoginModule required${plainUsers};`,
      ...(security.unsecuredOauthbearer
        ? {
            [`${prefix}.oauthbearer.sasl.jaas.config`]:
              'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="broker";',
          }
        : {}),
    });
  }
  return properties;
}

/** The storage tool's arguments that create the SCRAM users at format time. */
export function scramFormatArguments(users: readonly SaslUser[]): string[] {
  return users
    .filter((user) => user.mechanism !== 'PLAIN')
    .flatMap((user) => ['--add-scram', `${user.mechanism}=[name=${user.username},password=${user.password}]`]);
}
