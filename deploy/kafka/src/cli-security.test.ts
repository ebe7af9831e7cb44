import { expect, test } from 'vitest';
import { parseUserOption, securityFromOptions } from './cli-security.ts';

test('--user takes MECHANISM:NAME:PASSWORD; the password may hold colons', () => {
  expect(parseUserOption('SCRAM-SHA-512:alice:pa:ss')).toEqual({ mechanism: 'SCRAM-SHA-512', username: 'alice', password: 'pa:ss' });
  expect(() => parseUserOption('GSSAPI:alice:x')).toThrow(/--user "GSSAPI:alice:x": expected MECHANISM:NAME:PASSWORD/);
  expect(() => parseUserOption('PLAIN:alice')).toThrow(/expected MECHANISM:NAME:PASSWORD/);
});

test('a keystore makes a SASL_SSL listener with the users; users without a keystore, or a keystore without its password, are refused', () => {
  expect(securityFromOptions({})).toBeUndefined();
  expect(securityFromOptions({ keystore: 'b.p12', 'keystore-password': 'k', user: ['PLAIN:carol:c'] })).toEqual({
    listeners: [{ name: 'SASL_SSL', keystoreFile: 'b.p12', keystorePassword: 'k' }],
    users: [{ mechanism: 'PLAIN', username: 'carol', password: 'c' }],
  });
  expect(() => securityFromOptions({ user: ['PLAIN:carol:c'] })).toThrow('--user needs --keystore');
  expect(() => securityFromOptions({ keystore: 'b.p12' })).toThrow('--keystore needs --keystore-password');
});
