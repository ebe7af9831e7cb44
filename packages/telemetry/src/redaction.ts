/**
 * Log fields that carry credentials, blanked by pino before a line is written: SASL passwords and
 * tokens, TLS private keys and their passwords, basic-auth pairs and Authorization headers, and
 * whole security settings objects. Wildcards reach two levels below the line (an `err` or a
 * request object); secrets are never put deeper on purpose. The user name stays: it identifies
 * who failed to log in, except where it is part of an object listed here.
 */
export const credentialLogPaths: readonly string[] = [
  ...[
    'password',
    'passphrase',
    'keyPassword',
    'token',
    'accessToken',
    'authorization',
    'Authorization',
    'sasl',
    'auth',
    'basicAuth',
    'kafkaSecurity',
    'registrySecurity',
  ].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ...['headers.authorization', 'headers.Authorization', 'ssl.key', 'ssl.passphrase', 'tls.key', 'tls.keyPassword'].flatMap((path) => [path, `*.${path}`]),
];

export const redactionCensor = '[redacted]';
