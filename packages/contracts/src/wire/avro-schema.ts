import type { TopicContract } from '../topics.ts';
import { contractJsonSchema, type JsonSchema } from './json-schema.ts';

/** An Avro schema as plain JSON (what `avsc.Type.forSchema` and the registry accept). */
export type AvroSchema = string | { readonly [attribute: string]: unknown } | readonly AvroSchema[];

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  if (Array.isArray(type)) return type as string[];
  if (typeof type === 'string') return [type];
  if (schema.enum) return ['string'];
  return [];
}

/**
 * Converts the JSON Schema that zod generates into Avro, for the constructs the contracts use:
 * objects become records (or maps, for string-keyed records), `enum` becomes an Avro enum,
 * integers become int or long by their bounds, other numbers double, strings (decimal amounts,
 * timestamps, dates) stay strings, `anyOf`/type lists become unions. An optional field becomes a
 * union with null and default null. Anything else throws, so a new construct in a contract is
 * noticed when the schemas are generated, not on the wire.
 */
class JsonToAvro {
  private readonly usedNames = new Set<string>();

  private uniqueName(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.usedNames.has(name); n += 1) name = `${wanted}${n}`;
    this.usedNames.add(name);
    return name;
  }

  convert(schema: JsonSchema, name: string, path: string): AvroSchema {
    if (Array.isArray(schema.anyOf)) return this.union((schema.anyOf as JsonSchema[]).map((member, i) => this.convert(member, `${name}${i}`, path)));
    const types = typesOf(schema);
    if (types.length > 1) return this.union(types.map((type) => this.convert({ ...schema, type }, name, path)));
    const type = types[0];
    switch (type) {
      case 'null':
        return 'null';
      case 'boolean':
        return 'boolean';
      case 'string':
        if (Array.isArray(schema.enum)) return { type: 'enum', name: this.uniqueName(name), symbols: schema.enum as string[] };
        return 'string';
      case 'integer':
        return this.isInt32(schema) ? 'int' : 'long';
      case 'number':
        if (typeof schema.const === 'number' && Number.isInteger(schema.const)) return 'int';
        return 'double';
      case 'array':
        return { type: 'array', items: this.convert(schema.items as JsonSchema, `${name}Item`, `${path}[]`) };
      case 'object':
        return this.object(schema, name, path);
      default:
        throw new TypeError(`${path || '(root)'}: no Avro mapping for JSON Schema ${JSON.stringify(schema).slice(0, 200)}`);
    }
  }

  private isInt32(schema: JsonSchema): boolean {
    const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
    return typeof minimum === 'number' && typeof maximum === 'number' && minimum >= INT32_MIN && maximum <= INT32_MAX;
  }

  private union(members: AvroSchema[]): AvroSchema {
    // Avro wants null first when the default is null; it also forbids two members of one type.
    const unique = [...new Map(members.map((member) => [JSON.stringify(member), member])).values()];
    return [...unique.filter((member) => member === 'null'), ...unique.filter((member) => member !== 'null')];
  }

  private object(schema: JsonSchema, name: string, path: string): AvroSchema {
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    if (!properties && typeof schema.additionalProperties === 'object') {
      return { type: 'map', values: this.convert(schema.additionalProperties as JsonSchema, `${name}Value`, `${path}{}`) };
    }
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const recordName = this.uniqueName(name);
    const fields = Object.entries(properties ?? {}).map(([field, fieldSchema]) => {
      const fieldPath = path ? `${path}.${field}` : field;
      const type = this.convert(fieldSchema, `${recordName}${pascal(field)}`, fieldPath);
      const doc = typeof fieldSchema.description === 'string' ? { doc: fieldSchema.description } : {};
      if (fieldSchema.default !== undefined) return { name: field, type, default: fieldSchema.default, ...doc };
      if (required.has(field)) return { name: field, type, ...doc };
      const optional = Array.isArray(type) ? type : this.union(['null', type]);
      return { name: field, type: optional, default: null, ...doc };
    });
    const doc = typeof schema.description === 'string' ? { doc: schema.description } : {};
    return { type: 'record', name: recordName, ...doc, fields };
  }
}

/** Avro namespace of one topic version, e.g. `io.churnwatch.purchases.v1`. */
export function avroNamespace(contract: Pick<TopicContract, 'name'>, version: number): string {
  return `io.churnwatch.${contract.name.replace(/[^A-Za-z0-9]/g, '_')}.v${version}`;
}

/** The Avro schema of one contract version, generated from its zod schema (through its JSON Schema). */
export function contractAvroSchema(contract: TopicContract, version: number): AvroSchema {
  const json = contractJsonSchema(contract, version);
  const namespace = avroNamespace(contract, version);
  const rootName = typeof json.title === 'string' ? pascal(json.title) : pascal(contract.name);
  const root = new JsonToAvro().convert(json, rootName, '');
  if (typeof root !== 'object' || Array.isArray(root) || (root as { type?: unknown }).type !== 'record') {
    throw new TypeError(`${contract.name} v${version}: the root of an Avro contract must be a record`);
  }
  return { ...root, namespace };
}
