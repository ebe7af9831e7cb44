import { ConfigError } from '@churnwatch/errors';
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
