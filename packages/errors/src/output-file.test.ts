import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputFileError, openOutputFile } from './output-file.ts';

const directory = await mkdtemp(join(tmpdir(), 'churnwatch-output-'));
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('output files', () => {
  it('creates the folders a path names, then writes the file', async () => {
    const path = join(directory, 'out', 'deeper', 'events.jsonl');
    const file = await openOutputFile(path);
    file.stream.write('a\n');
    await file.close('b\n');
    expect(await readFile(path, 'utf8')).toBe('a\nb\n');
  });

  it('replaces what a file held', async () => {
    const path = join(directory, 'replaced.json');
    await writeFile(path, 'an older and longer text');
    await (await openOutputFile(path)).close('{}\n');
    expect(await readFile(path, 'utf8')).toBe('{}\n');
  });

  it('names the path and the reason when it cannot be written, before anything is written', async () => {
    const blocker = join(directory, 'a-file');
    await writeFile(blocker, 'not a folder');
    const path = join(blocker, 'events.jsonl');
    const failure = await openOutputFile(path).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutputFileError);
    expect(failure).toMatchObject({ code: 'OUTPUT_FILE_UNWRITABLE', context: { path } });
    expect((failure as Error).message).toMatch(new RegExp(`^cannot write ${path}: .*(EEXIST|ENOTDIR)`));
  });
});
