import { readFileSync } from 'node:fs';

export type Env = Readonly<Record<string, string | undefined>>;
export type ReadText = (path: string) => string;

export const readTextFile: ReadText = (path) => readFileSync(path, 'utf8');

/** What one setting that may be a secret resolved to; `issue` names the variable to fix. */
export type SecretLookup = { readonly value?: string; readonly issue?: string };

/**
 * Reads `VARIABLE` or, as Kubernetes and Docker mount secrets, the file named by `VARIABLE_FILE`
 * (one trailing newline dropped). Both set is an error: which one wins would be a guess. A file
 * that cannot be read, or is empty, is named in the issue; the value never is.
 */
export function lookupSecret(env: Env, variable: string, readText: ReadText = readTextFile): SecretLookup {
  const direct = env[variable];
  const fileVariable = `${variable}_FILE`;
  const file = env[fileVariable];
  const hasDirect = direct !== undefined && direct !== '';
  const hasFile = file !== undefined && file !== '';
  if (hasDirect && hasFile) return { issue: `${variable} and ${fileVariable}: set one of them, not both` };
  if (hasDirect) return { value: direct };
  if (!hasFile) return {};
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    return { issue: `${fileVariable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const value = text.replace(/\r?\n$/, '');
  if (value === '') return { issue: `${fileVariable}: ${file} is empty` };
  return { value };
}

/** Reads a file a setting names (a certificate, a key); the issue names the variable and the path. */
export function lookupFile(env: Env, variable: string, readText: ReadText = readTextFile): SecretLookup & { readonly path?: string } {
  const path = env[variable];
  if (path === undefined || path === '') return {};
  try {
    return { value: readText(path), path };
  } catch (error) {
    return { issue: `${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, path };
  }
}
