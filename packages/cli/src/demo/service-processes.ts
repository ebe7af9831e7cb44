import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTiedToParent } from '@churnwatch/local-kafka';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

export interface ServiceSpec {
  /** Folder name under services/. */
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface RunningService {
  readonly name: string;
  readonly logFile: string;
  readonly process: ChildProcess;
}

/**
 * Starts `services/<name>/src/main.ts` with the current Node, its JSON log appended to
 * `<logDir>/<name>.log`. The service writes the file itself, so its log (and its shutdown, which
 * flushes the log) does not depend on this process being alive. It gets SIGTERM if this process
 * dies, so an aborted demo or test run leaves no service behind.
 */
export function startService(spec: ServiceSpec, logDir: string): RunningService {
  const logFile = join(logDir, `${spec.name}.log`);
  const log = openSync(logFile, 'a');
  try {
    const child = spawnTiedToParent(process.execPath, [join(repoRoot, 'services', spec.name, 'src', 'main.ts')], {
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', log, log],
    });
    return { name: spec.name, logFile, process: child };
  } finally {
    closeSync(log);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. */
export function stopService(service: RunningService, graceMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((done) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      done({ code, signal });
    });
    child.kill('SIGTERM');
  });
}
