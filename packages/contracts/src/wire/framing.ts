/**
 * The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the payload in the
 * schema's format. No JSON document can start with a NUL byte, so a leading 0 identifies the format.
 */
export const CONFLUENT_MAGIC_BYTE = 0;
export const CONFLUENT_HEADER_BYTES = 5;

export type WireFormat = 'json' | 'confluent';

export function detectWireFormat(value: Buffer): WireFormat {
  return value.length > 0 && value[0] === CONFLUENT_MAGIC_BYTE ? 'confluent' : 'json';
}

/** The schema id of a Confluent-framed value, or undefined when the frame is too short. */
export function confluentSchemaId(value: Buffer): number | undefined {
  return value.length >= CONFLUENT_HEADER_BYTES ? value.readUInt32BE(1) : undefined;
}

export function confluentFrame(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(CONFLUENT_HEADER_BYTES);
  header.writeUInt8(CONFLUENT_MAGIC_BYTE, 0);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
}
