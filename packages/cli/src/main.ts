import { ConfigError } from '@churnwatch/errors';
import { commands } from './commands.ts';

/** Commands the ./churnwatch shell script handles itself, before Node runs. */
const shellCommands: Record<string, string> = {
  test: 'typecheck, lint and run every test',
  kafka: 'the local broker (start) and Kafka’s own tools (console-producer, producer-perf, …)',
  registry: 'a local schema registry (Apicurio, Confluent API): registry start',
};

async function usage(): Promise<string> {
  const summaries: [string, string][] = [
    ...Object.entries(shellCommands),
    ...(await Promise.all(Object.entries(commands).map(async ([name, load]): Promise<[string, string]> => [name, (await load()).summary]))),
  ];
  const width = Math.max(...summaries.map(([name]) => name.length)) + 2;
  return [
    'usage: ./churnwatch <command> [options]   (<command> --help for its options)',
    '',
    ...summaries.map(([name, summary]) => `  ${name.padEnd(width)}${summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : commands[name];
  if (!load) {
    const known = name === undefined || name === 'help' || name === '--help';
    (known ? process.stdout : process.stderr).write(`${known ? '' : `unknown command "${name}"\n\n`}${await usage()}\n`);
    return known ? 0 : 2;
  }
  const command = await load();
  try {
    return (await command.run(args)) ?? 0;
  } catch (error) {
    // Unknown or malformed options: say which, not a stack trace.
    if (error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${error.message}\nsee ./churnwatch ${name} --help\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nsee ./churnwatch ${name} --help\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
