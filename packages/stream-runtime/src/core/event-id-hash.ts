/**
 * A 53-bit hash of an event id, for the per-key duplicate window. The window holds these numbers
 * instead of the ids: sixteen ids of forty characters take about a kilobyte of heap per key and
 * processor, their hashes about 180 bytes, and the changelog entry shrinks alike.
 *
 * Two 32-bit lanes (FNV-1a, and a multiply-xorshift over the UTF-16 code units) each finished
 * with MurmurHash3's 32-bit mixer give 21 + 32 bits. A new event is taken for a duplicate only if
 * its hash equals one of the key's last `maxRecentEventIds` hashes: with 16, the chance that a
 * genuine event is skipped is about 16 / 2^53 ≈ 1.8e-15 per event.
 */
export function eventIdHash(id: string): number {
  let fnv = 0x811c9dc5;
  let mul = 0x9747b28c ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const unit = id.charCodeAt(i);
    fnv = Math.imul(fnv ^ unit, 0x01000193);
    mul = Math.imul(mul ^ unit, 0x5bd1e995);
    mul ^= mul >>> 15;
  }
  const high = fmix32(fnv ^ Math.imul(mul, 0x27d4eb2d)) & 0x1fffff;
  const low = fmix32(mul + fnv) >>> 0;
  return high * 0x1_0000_0000 + low;
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
