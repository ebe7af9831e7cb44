import type { LocalKafkaSecurity, SaslUser } from './secured-listeners.ts';

const mechanisms = new Set(['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN']);

/** `SCRAM-SHA-512:alice:secret` → a SASL user; throws naming the option when malformed. */
export function parseUserOption(value: string): SaslUser {
  const [mechanism = '', username = '', ...rest] = value.split(':');
  const password = rest.join(':');
  if (!mechanisms.has(mechanism) || username === '' || password === '') {
    throw new Error(`--user "${value}": expected MECHANISM:NAME:PASSWORD with MECHANISM one of ${[...mechanisms].join(', ')}`);
  }
  return { mechanism: mechanism as SaslUser['mechanism'], username, password };
}

/** The broker's secured side from `start`'s options, or undefined when no keystore was given. */
export function securityFromOptions(values: { keystore?: string; 'keystore-password'?: string; user?: string[] }): LocalKafkaSecurity | undefined {
  if (values.keystore === undefined) {
    if ((values.user ?? []).length > 0) throw new Error('--user needs --keystore (users log in on the SASL_SSL listener)');
    return undefined;
  }
  const password = values['keystore-password'];
  if (password === undefined) throw new Error('--keystore needs --keystore-password');
  return {
    listeners: [{ name: 'SASL_SSL', keystoreFile: values.keystore, keystorePassword: password }],
    users: (values.user ?? []).map(parseUserOption),
  };
}
