import { CorruptStateError } from '../errors.ts';

/**
 * The duplicate window's event-id hashes (event-id-hash.ts) as a changelog entry carries them. A
 * 53-bit hash takes 7 bytes, little-endian: sixteen of them are 152 characters of base64 instead of
 * about 270 of decimal numbers, in every entry of every key (a seventh of the detection state's
 * changelog). Unpacking bad bytes is CorruptStateError.
 */
const hashBytes = 7;
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function packHashes(hashes: readonly number[]): string {
  const packed = Buffer.allocUnsafe(hashes.length * hashBytes);
  hashes.forEach((hash, i) => {
    packed.writeUInt32LE(hash % 0x1_0000_0000, i * hashBytes);
    packed.writeUIntLE(Math.floor(hash / 0x1_0000_0000), i * hashBytes + 4, 3);
  });
  return packed.toString('base64');
}

export function unpackHashes(text: unknown): readonly number[] {
  const packed = typeof text === 'string' && base64.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (packed === undefined || packed.length % hashBytes !== 0)
    throw new CorruptStateError('changelog entry has packed event id hashes that are not base64 of 7 bytes each');
  const hashes = new Array<number>(packed.length / hashBytes);
  for (let i = 0; i < hashes.length; i++) {
    const high = packed.readUIntLE(i * hashBytes + 4, 3);
    if (high > 0x1fffff) throw new CorruptStateError('changelog entry has a packed event id hash beyond 53 bits');
    hashes[i] = high * 0x1_0000_0000 + packed.readUInt32LE(i * hashBytes);
  }
  return hashes;
}
