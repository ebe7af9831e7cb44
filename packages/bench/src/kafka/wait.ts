import { BenchError } from '../errors.ts';

/** Polls `check` every `intervalMs` until it holds; a BenchError naming `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new BenchError('BENCH_TIMEOUT', `timed out after ${timeoutMs} ms waiting for ${what}`, { what, timeoutMs });
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
