import type { AvroSchema } from './avro-schema.ts';

type Normalize = (value: unknown) => unknown;

const identity: Normalize = (value) => value;

/**
 * Builds a function that turns what Avro decoding returns into the plain JSON the zod contracts
 * expect: records become plain objects (avsc returns class instances), and an optional field
 * (a union with null and default null) that came back null is left out, as a JSON producer would
 * have left it out. A nullable field without a default keeps its null. Compiled once per schema.
 */
export function createAvroNormalizer(schema: AvroSchema): Normalize {
  if (typeof schema === 'string') return identity;
  if (Array.isArray(schema)) {
    const members = schema.map(createAvroNormalizer);
    if (members.every((member) => member === identity)) return identity;
    // Unions of a record with null are the only non-trivial case the contracts produce.
    return (value) => {
      if (value === null || typeof value !== 'object') return value;
      const object = members.find((member) => member !== identity) ?? identity;
      return object(value);
    };
  }
  const named = schema as { type: string; fields?: { name: string; type: AvroSchema; default?: unknown }[]; items?: AvroSchema; values?: AvroSchema };
  switch (named.type) {
    case 'record': {
      const fields = (named.fields ?? []).map((field) => ({
        name: field.name,
        dropNull: field.default === null,
        normalize: createAvroNormalizer(field.type),
      }));
      return (value) => {
        const source = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const field of fields) {
          const fieldValue = source[field.name];
          if (fieldValue === null && field.dropNull) continue;
          out[field.name] = field.normalize(fieldValue);
        }
        return out;
      };
    }
    case 'array': {
      const item = createAvroNormalizer(named.items!);
      return item === identity ? identity : (value) => (value as unknown[]).map(item);
    }
    case 'map': {
      const entry = createAvroNormalizer(named.values!);
      return (value) => Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, entry(v)]));
    }
    default:
      return identity;
  }
}
