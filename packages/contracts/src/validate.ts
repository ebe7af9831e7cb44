import type { z } from 'zod';
import type { DeadLetterReason } from './outputs/dead-letter.ts';
import { latestVersion, type TopicContract } from './topics.ts';

export type Validation<T> =
  | { readonly ok: true; readonly value: T; readonly schemaVersion: number }
  | { readonly ok: false; readonly reason: DeadLetterReason; readonly message: string; readonly fields: readonly string[] };

type LatestOf<C extends TopicContract> = z.infer<C['versions'][keyof C['versions']]>;

const MAX_ISSUES_IN_MESSAGE = 10;

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map(String).join('.') : '(root)';
}

/** Field paths and one human line naming them, e.g. `quantity: Invalid input: expected number, received string`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { message: string; fields: string[] } {
  const fields = [...new Set(issues.map(pathOf))];
  const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => `${pathOf(issue)}: ${issue.message}`);
  if (issues.length > MAX_ISSUES_IN_MESSAGE) shown.push(`… and ${issues.length - MAX_ISSUES_IN_MESSAGE} more`);
  return { message: shown.join('; '), fields };
}

/**
 * Checks an already-parsed value against the contract version it declares. A value without a
 * `schemaVersion` is checked against the latest version, so the dead letter names every failing
 * field, not only the missing version.
 */
export function validateAgainst<C extends TopicContract>(contract: C, json: unknown): Validation<LatestOf<C>> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const got = json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json;
    return { ok: false, reason: 'schema_violation', message: `(root): expected a ${contract.name} object, got ${got}`, fields: ['(root)'] };
  }
  const declared = (json as { schemaVersion?: unknown }).schemaVersion;
  if (declared !== undefined && (typeof declared !== 'number' || !Object.hasOwn(contract.versions, declared))) {
    const known = Object.keys(contract.versions).join(', ');
    return {
      ok: false,
      reason: 'unknown_version',
      message: `schemaVersion: ${JSON.stringify(declared)} is not a known version of ${contract.name} (known: ${known})`,
      fields: ['schemaVersion'],
    };
  }
  // Looked up only when needed: nearly every record declares its version.
  const version = declared === undefined ? latestVersion(contract) : (declared as number);
  const schema = contract.versions[version] as z.ZodType;
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'schema_violation', ...describeIssues(parsed.error.issues) };
  return { ok: true, value: parsed.data as LatestOf<C>, schemaVersion: version };
}

/** Parses JSON bytes and validates them. */
export function decodeJson<C extends TopicContract>(contract: C, bytes: Buffer | string): Validation<LatestOf<C>> {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'malformed_json', message: `(root): not JSON: ${(error as Error).message}`, fields: ['(root)'] };
  }
  return validateAgainst(contract, json);
}
