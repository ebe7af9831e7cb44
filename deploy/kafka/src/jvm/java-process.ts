import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const hasSetpriv = spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;

export interface JavaProcessOptions {
  readonly classpath: string;
  readonly mainClass: string;
  readonly args: readonly string[];
  readonly jvmOptions?: readonly string[];
  /** Where stdout and stderr of the JVM are appended (stdin is then closed). */
  readonly outputFile?: string;
  /** `pipe` (default) gives the caller stdin, stdout and stderr; `inherit` shares the parent's. */
  readonly stdio?: 'inherit' | 'pipe';
}

/**
 * Spawns a program that dies with its parent: on Linux `setpriv --pdeathsig TERM` asks the kernel
 * to send SIGTERM to it when the process that started it exits, even after `kill -9`, so no broker
 * or Prometheus outlives a crashed test run or demo.
 *
 * Unless `options.detached` says otherwise, the child gets its own process group, so a Ctrl-C in the
 * terminal reaches only the parent, which then stops its children in order (services before the
 * broker they commit to).
 */
export function spawnTiedToParent(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const ownGroup = { detached: true, ...options };
  return hasSetpriv ? spawn('setpriv', ['--pdeathsig', 'TERM', '--', command, ...args], ownGroup) : spawn(command, args, ownGroup);
}

/** Starts a JVM tied to this process (see spawnTiedToParent). */
export function spawnJava(options: JavaProcessOptions): ChildProcess {
  const javaArgs = [...(options.jvmOptions ?? []), '-cp', options.classpath, options.mainClass, ...options.args];
  const interactive = options.stdio === 'inherit';
  const child = spawnTiedToParent('java', javaArgs, {
    stdio: interactive ? 'inherit' : [options.outputFile ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    // An interactive tool stays in the terminal's process group: Ctrl-C is meant for it.
    detached: !interactive,
  });
  if (options.outputFile && child.stdout && child.stderr) {
    const out = createWriteStream(options.outputFile, { flags: 'a' });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  return child;
}

/** Runs a JVM to completion and returns its exit code and combined output. */
export function runJava(options: JavaProcessOptions): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnJava({ ...options, stdio: 'pipe' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Sends SIGTERM, waits up to `graceMs`, then SIGKILL. Resolves once the process is gone. */
export function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
