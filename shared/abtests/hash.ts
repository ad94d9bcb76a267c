/**
 * MurmurHash3 (x86, 32-bit) over the UTF-8 bytes of a string. Not cryptographic — it only has to spread
 * contacts evenly and stay identical across machines, Node and the browser, which rules out `node:crypto`
 * (shared code runs in the renderer) and `crypto.subtle` (asynchronous, overkill for bucketing).
 */

const encoder = new TextEncoder();

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** The MurmurHash3 finaliser: forces every input bit to affect every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit MurmurHash3 of `text` (UTF-8) with `seed`, as an unsigned integer. */
export function murmur3(text: string, seed = 0): number {
  const bytes = encoder.encode(text);
  const length = bytes.length;
  const blocks = length & ~3;
  let h = seed >>> 0;

  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(rotl32(Math.imul(k, C1), 15), C2);
    h ^= k;
    h = (Math.imul(rotl32(h, 13), 5) + 0xe6546b64) | 0;
  }

  const rest = length & 3;
  if (rest > 0) {
    let tail = bytes[blocks];
    if (rest > 1) tail ^= bytes[blocks + 1] << 8;
    if (rest > 2) tail ^= bytes[blocks + 2] << 16;
    h ^= Math.imul(rotl32(Math.imul(tail, C1), 15), C2);
  }

  return fmix32(h ^ length);
}

/** A position in [0, 1) derived from the hash: 2^32 buckets, so rounding bias is far below sampling error. */
export function unitInterval(text: string, seed: number): number {
  return murmur3(text, seed) / 0x1_0000_0000;
}
