import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BenchError } from '../errors.ts';

const run = promisify(execFile);

export type PeerMode = 'alo' | 'eos';

/** Why the peer cannot run, or undefined when its folder holds what the bench needs. */
export function peerMissing(peerDir: string): string | undefined {
  for (const script of ['build.sh', 'run.sh']) {
    if (!existsSync(join(peerDir, script)))
      return `the Kafka Streams peer is not at ${peerDir} (no ${script}); point --peer-dir or CHURNWATCH_PEER_DIR at the kafka-streams-peer folder`;
  }
  return undefined;
}

/** Builds the peer's jar into `buildDir` unless it is there (the peer's folder itself is never written). */
export async function ensurePeerBuilt(peerDir: string, buildDir: string): Promise<void> {
  if (existsSync(join(buildDir, 'kstreams-peer.jar'))) return;
  try {
    await run(join(peerDir, 'build.sh'), [], { env: { ...process.env, PEER_BUILD_DIR: buildDir }, maxBuffer: 1 << 24 });
  } catch (error) {
    throw new BenchError(
      'BENCH_PEER_BUILD_FAILED',
      `building the Kafka Streams peer failed: ${(error as { stderr?: string }).stderr ?? error}`,
      { peerDir },
      error,
    );
  }
}

/** One peer run from offset 0 with a fresh application id; the records/s it prints. */
export async function peerRecordsPerSecond(
  peerDir: string,
  buildDir: string,
  bootstrap: string,
  topic: string,
  count: number,
  mode: PeerMode,
): Promise<number> {
  let stdout: string;
  try {
    ({ stdout } = await run(join(peerDir, 'run.sh'), ['--bootstrap', bootstrap, '--topic', topic, '--count', String(count), '--mode', mode], {
      env: { ...process.env, PEER_BUILD_DIR: buildDir },
      maxBuffer: 1 << 24,
    }));
  } catch (error) {
    throw new BenchError('BENCH_PEER_FAILED', `the Kafka Streams peer (${mode}) failed: ${(error as { stderr?: string }).stderr ?? error}`, { mode }, error);
  }
  // e.g. "kafka-streams alo threads=1 store=memory: 1000000 records in 7.684 s = 130135 records/s"
  const match = /=\s*([\d.]+)\s*records\/s/.exec(stdout);
  if (!match) throw new BenchError('BENCH_PEER_OUTPUT', `the Kafka Streams peer printed no rate: ${stdout.slice(-400)}`, { mode });
  return Number(match[1]);
}
