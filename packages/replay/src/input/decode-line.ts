import { contractFields, type DeadLetterReason, validateAgainst } from '@churnwatch/contracts';
import type { LocalRecord } from '@churnwatch/stream-runtime';
import { type EventKindName, eventKindNames, eventKindRoutes, isEventKind, nestedValueKinds } from './event-kinds.ts';

/** Why a line was not replayed: the dead-letter reasons, plus a kind this format does not know. */
export type RejectReason = DeadLetterReason | 'unknown_kind';

export type DecodedLine =
  | { readonly ok: true; readonly kind: EventKindName; readonly record: LocalRecord }
  | { readonly ok: false; readonly reason: RejectReason; readonly message: string };

const kindList = eventKindNames.join(', ');

function reject(reason: RejectReason, message: string): DecodedLine {
  return { ok: false, reason, message };
}

/**
 * One line of an events file → the record the topology receives. The line is the topic's JSON
 * value with a `kind` field naming the event kind (for `control`, the value sits under `value`);
 * `kind` is removed and the rest is checked against the kind's contract, exactly as an input
 * service checks a Kafka record. Key = `customerId`; event time = the contract's event-time field
 * (`eventTime`, `updatedAt` for profiles); event id = the contract's id field, for duplicate
 * detection. Pure; never throws on bad data.
 */
export function decodeEventLine(line: string): DecodedLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return reject('malformed_json', `not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return reject('schema_violation', 'expected a JSON object with a "kind" field');
  const { kind, ...rest } = json as Record<string, unknown>;
  if (kind === undefined) return reject('unknown_kind', `no "kind" field (expected one of ${kindList})`);
  if (!isEventKind(kind)) return reject('unknown_kind', `unknown kind ${JSON.stringify(kind)} (expected one of ${kindList})`);
  const route = eventKindRoutes[kind];
  const candidate = nestedValueKinds.has(kind) ? rest.value : rest;
  if (nestedValueKinds.has(kind) && Object.keys(rest).some((field) => field !== 'value')) {
    return reject('schema_violation', `a ${kind} line holds its event under "value" and nothing else beside "kind"`);
  }
  const checked = validateAgainst(route.contract, candidate);
  if (!checked.ok) return reject(checked.reason, `${kind}: ${checked.message}`);
  const value = checked.value as Record<string, unknown>;
  const fields = contractFields(route.contract);
  const eventTimeMs = Date.parse(value[fields.eventTimeField] as string);
  const eventId = fields.eventIdField === '' ? undefined : (value[fields.eventIdField] as string);
  return {
    ok: true,
    kind,
    record: { input: route.input, key: value[fields.keyField] as string, value, eventTimeMs, ...(eventId === undefined ? {} : { eventId }) },
  };
}
