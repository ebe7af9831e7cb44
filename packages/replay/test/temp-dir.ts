import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A fresh directory for the test file, removed after it; `at(name)` is a path inside it. */
export function useTempDir(prefix: string): { at(name: string): string } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `churnwatch-${prefix}-`));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    at(name) {
      if (dir === '') throw new Error('the temporary directory exists only while the tests run');
      return join(dir, name);
    },
  };
}
