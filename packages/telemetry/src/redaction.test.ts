import { expect, test } from 'vitest';
import { collectLogLines } from '../test/log-lines.ts';
import { createLogger } from './logger.ts';

test('credential fields are blanked on every log line, at any of the logged depths', () => {
  const { destination, lines } = collectLogLines();
  const logger = createLogger({ service: 'redaction-test', level: 'debug', destination });
  logger.debug({ password: 'p1', sasl: { mechanism: 'plain', username: 'u', password: 'p2' } }, 'top level');
  logger.info({ request: { headers: { authorization: 'Basic c2VjcmV0' } }, ssl: { key: 'PRIVATE-KEY-PEM', passphrase: 'p3' } }, 'nested');
  logger.warn({ err: { config: { auth: { username: 'u', password: 'p4' } } }, token: 'p5', keyPassword: 'p6' }, 'deeper');
  const text = lines.join('');
  for (const secret of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'c2VjcmV0', 'PRIVATE-KEY-PEM']) expect(text).not.toContain(secret);
  expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(6);
  expect(lines).toHaveLength(3);
});
