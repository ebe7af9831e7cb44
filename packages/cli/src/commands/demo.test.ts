import { createServer } from 'node:net';
import { ConfigError } from '@churnwatch/errors';
import { freePortRun } from '@churnwatch/local-kafka';
import { expect, test } from 'vitest';
import demo from './demo.ts';

// Bad options stop the demo before it starts a broker or a service: nothing to clean up.
test.each([
  [['--metrics-port', 'x'], '--metrics-port'],
  [['--metrics-port', '65531'], '--metrics-port'],
  [['--days', '30'], 'days'],
  [['--customers', 'many'], 'customers'],
  [['--locale', 'fr'], '--locale'],
])('demo %j fails with a message naming the option', async (args, field) => {
  const failure = await demo.run(args).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ConfigError);
  expect((failure as ConfigError).issues.join('\n')).toContain(field);
});

test('a metrics port already in use stops the demo before anything starts, naming the port', async () => {
  const taken = createServer();
  const first = await freePortRun(6);
  await new Promise<void>((listening) => taken.listen(first + 2, '0.0.0.0', listening));
  try {
    const failure = await demo.run(['--metrics-port', String(first)]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).issues.join('\n')).toContain(`${first + 2} is in use`);
  } finally {
    await new Promise((closed) => taken.close(closed));
  }
});
