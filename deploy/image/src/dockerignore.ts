import { matchesGlob } from 'node:path';

/**
 * Whether the build context leaves `path` (relative, / separated) out under these .dockerignore
 * lines: the last matching pattern wins, `!` takes a path back in, a pattern that matches a
 * folder leaves out what is below it. Covers the patterns this repository uses (`*`, `**`, `!`).
 */
export function isIgnored(path: string, dockerignore: string): boolean {
  const patterns = dockerignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const parts = path.split('/');
  let ignored = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    // The path itself or one of the folders above it.
    const matches = parts.some((_, i) => matchesGlob(parts.slice(0, i + 1).join('/'), pattern));
    if (matches) ignored = !negated;
  }
  return ignored;
}
