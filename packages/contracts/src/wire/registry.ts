import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { AvroSchema } from './avro-schema.ts';
import { createAvroNormalizer } from './avro-values.ts';
import { CONFLUENT_HEADER_BYTES } from './framing.ts';
import { isRegistryRefusal, isSchemaNotFound, RegistryRejectedError, RegistryUnavailableError, registryStatus } from './registry-errors.ts';
import { createRegistryFetch, type RegistryTransport } from './registry-http.ts';

export type RegistrySchemaType = 'AVRO' | 'JSON';
export type Compatibility = keyof typeof COMPATIBILITY;

export interface RegistryOptions extends RegistryTransport {
  /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:8081 or …/apis/ccompat/v7 for Apicurio. */
  readonly url: string;
  /** Client-side retries of one request before the caller sees the failure (the caller backs off). Default 1. */
  readonly requestRetries?: number;
}

export type RegistryDecode =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'malformed_json' | 'malformed_payload'; readonly message: string };

export type SchemaLookup = { readonly found: true; readonly type: RegistrySchemaType | 'PROTOBUF' | 'UNKNOWN' } | { readonly found: false };

/**
 * A schema registry speaking the Confluent REST API, through @kafkajs/confluent-schema-registry.
 * Transport failures surface as the retriable `RegistryUnavailableError`; an unknown schema id
 * is an answer (`found: false`), not an error.
 */
export interface ContractRegistry {
  readonly url: string;
  /** Registers a schema under a subject (idempotent) with the given compatibility, returning its id. */
  register(subject: string, type: RegistrySchemaType, schema: object, compatibility?: Compatibility): Promise<number>;
  lookup(schemaId: number): Promise<SchemaLookup>;
  /**
   * Decodes a Confluent-framed value whose schema `lookup` has found (the client caches it).
   * Avro comes back as plain JSON (see createAvroNormalizer). A JSON Schema payload that the
   * writer's schema rejects is returned parsed anyway: the zod contract then names the failing
   * fields. Bytes that cannot be read at all come back as a failure, never as a throw.
   */
  decode(value: Buffer): Promise<RegistryDecode>;
  encode(schemaId: number, value: unknown): Promise<Buffer>;
}

export function createContractRegistry(options: RegistryOptions): ContractRegistry {
  const url = options.url.replace(/\/+$/, '');
  const normalizers = new Map<number, (value: unknown) => unknown>();
  const transport = createRegistryFetch(options);
  const fetch = transport.fetch;
  const client = new SchemaRegistry(
    {
      host: url,
      retry: { retries: options.requestRetries ?? 1, maxRetryTimeInSecs: 2 },
      ...(options.basicAuth ? { auth: { username: options.basicAuth.username, password: options.basicAuth.password } } : {}),
      ...(transport.agent ? { agent: transport.agent } : {}),
    },
    // ajv: no format vocabulary and no strict mode; the zod contract is the full check after decoding.
    { [SchemaType.JSON]: { strict: false, validateFormats: false, allErrors: true } },
  );

  /**
   * A 404 means "unknown schema id" only if it came from a registry: a wrong base URL also
   * answers 404, and dead-lettering every framed record for a configuration mistake would be
   * wrong. The global config endpoint exists on every Confluent-compatible registry.
   */
  async function confirmRegistryAnswers(schemaId: number, notFound: unknown): Promise<void> {
    let ok = false;
    try {
      ok = (await fetch(`${url}/config`, { signal: AbortSignal.timeout(5000) })).ok;
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new RegistryUnavailableError(
        `GET /schemas/ids/${schemaId}`,
        new Error(`404 for schema id ${schemaId}, and ${url}/config does not answer either: is ${url} the Confluent API base URL?`, { cause: notFound }),
      );
    }
  }

  async function configRequest(path: string, init?: RequestInit): Promise<unknown> {
    const operation = `${init?.method ?? 'GET'} ${path}`;
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' } });
    } catch (error) {
      throw new RegistryUnavailableError(operation, error);
    }
    if (!response.ok) {
      const failure = new Error(`HTTP ${response.status}: ${await response.text()}`);
      throw response.status >= 500 ? new RegistryUnavailableError(operation, failure) : new RegistryRejectedError(operation, failure);
    }
    return response.json();
  }

  async function compatibilityAt(path: string): Promise<string> {
    const body = (await configRequest(path)) as { compatibilityLevel?: string; compatibility?: string };
    return (body.compatibilityLevel ?? body.compatibility ?? '').toUpperCase();
  }

  /**
   * The client refuses to register when the subject's effective compatibility differs from the
   * wanted one. For an existing subject without a setting of its own, registries report the
   * global default (Apicurio: NONE), so the mismatch is only inherited: then the subject's own
   * setting is written (the subject exists, so every registry accepts that) and the wanted level
   * holds. A subject whose owner chose a different level keeps it: registration goes ahead under
   * that level. Returns the level to register with.
   */
  async function settleCompatibility(subject: string, wanted: Compatibility): Promise<Compatibility> {
    const subjectPath = `/config/${encodeURIComponent(subject)}`;
    const [global, effective] = await Promise.all([compatibilityAt('/config'), compatibilityAt(subjectPath)]);
    if (effective !== global && effective in COMPATIBILITY) return effective as Compatibility;
    await configRequest(subjectPath, { method: 'PUT', body: JSON.stringify({ compatibility: wanted }) });
    return wanted;
  }

  async function registerOnce(subject: string, type: RegistrySchemaType, schema: object, compatibility: Compatibility): Promise<number> {
    const confluentSchema = { type: type === 'AVRO' ? SchemaType.AVRO : SchemaType.JSON, schema: JSON.stringify(schema) } as const;
    const { id } = await client.register(confluentSchema, { subject, compatibility: COMPATIBILITY[compatibility] });
    return id;
  }

  return {
    url,
    async register(subject, type, schema, compatibility = 'BACKWARD') {
      try {
        return await registerOnce(subject, type, schema, compatibility);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConfluentSchemaRegistryCompatibilityError')) throw classify(`register ${subject}`, error);
        const level = await settleCompatibility(subject, compatibility);
        try {
          return await registerOnce(subject, type, schema, level);
        } catch (retryError) {
          throw classify(`register ${subject}`, retryError);
        }
      }
    },
    async lookup(schemaId) {
      try {
        await client.getSchema(schemaId);
      } catch (error) {
        if (isSchemaNotFound(error)) {
          await confirmRegistryAnswers(schemaId, error);
          return { found: false };
        }
        // A schema the client cannot compile (e.g. protobuf without its options) is still "found".
        if (error instanceof Error && !('status' in error)) return { found: true, type: 'UNKNOWN' };
        throw new RegistryUnavailableError(`GET /schemas/ids/${schemaId}`, error);
      }
      const cached = client.cache.getSchema(schemaId);
      return { found: true, type: (cached?.type ?? 'UNKNOWN') as RegistrySchemaType | 'PROTOBUF' | 'UNKNOWN' };
    },
    async decode(value) {
      const schemaId = value.readUInt32BE(1);
      const entry = client.cache.getSchema(schemaId);
      try {
        const decoded = await client.decode(value);
        if (entry?.type !== SchemaType.AVRO) return { ok: true, value: decoded };
        let normalize = normalizers.get(schemaId);
        if (!normalize) {
          // exportAttrs: field defaults are what tell an optional field from a nullable one.
          normalize = createAvroNormalizer((entry.schema as unknown as { schema(opts: object): AvroSchema }).schema({ exportAttrs: true }));
          normalizers.set(schemaId, normalize);
        }
        return { ok: true, value: normalize(decoded) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (entry?.type === SchemaType.JSON) {
          if (error instanceof SyntaxError) return { ok: false, reason: 'malformed_json', message: `(root): not JSON: ${message}` };
          return { ok: true, value: JSON.parse(value.subarray(CONFLUENT_HEADER_BYTES).toString('utf8')) as unknown };
        }
        return {
          ok: false,
          reason: 'malformed_payload',
          message: `(root): cannot read the value with its writer's ${entry?.type ?? ''} schema ${schemaId}: ${message}`,
        };
      }
    },
    async encode(schemaId, value) {
      try {
        return await client.encode(schemaId, value as object);
      } catch (error) {
        if (registryStatus(error) === undefined) throw error;
        throw classify(`encode with schema ${schemaId}`, error);
      }
    },
  };
}

function classify(operation: string, error: unknown): Error {
  if (error instanceof RegistryUnavailableError || error instanceof RegistryRejectedError) return error;
  if (registryStatus(error) === undefined && error instanceof Error && error.name.startsWith('ConfluentSchemaRegistry')) {
    return new RegistryRejectedError(operation, error);
  }
  return isRegistryRefusal(error) ? new RegistryRejectedError(operation, error) : new RegistryUnavailableError(operation, error);
}
