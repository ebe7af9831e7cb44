import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedFiles } from './published-files.ts';

/** packages/contracts/published, next to src/. */
export const publishedDir = fileURLToPath(new URL('../../published/', import.meta.url));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Writes the published contracts and removes files that are no longer generated. */
export function writePublishedFiles(dir = publishedDir): string[] {
  const files = publishedFiles();
  mkdirSync(dir, { recursive: true });
  for (const stale of listFiles(dir).filter((path) => !files.has(relative(dir, path)) && !path.endsWith('README.md'))) rmSync(stale);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return [...files.keys()];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = writePublishedFiles();
  process.stdout.write(`wrote ${written.length} files to ${relative(process.cwd(), publishedDir) || '.'}\n`);
}
