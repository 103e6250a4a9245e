/** A reproducible stream of numbers in [0, 1). */
type Random = () => number;

/**
 * mulberry32: a small, fast 32-bit PRNG; the same seed gives the same stream
 * on every machine.
 *
 * @param seed - Any integer.
 */
const createSeededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/**
 * A number in [0, 1) that depends only on the parts (FNV-1a, then
 * murmur3's finalizer): a decision made this way does not depend on the
 * order in which concurrent requests happen to arrive.
 *
 * @param parts - What the decision is about, e.g. seed, record id, attempt.
 */
const unitHash = (...parts: readonly (string | number)[]): number => {
  let hash = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4_294_967_296;
};

export type { Random };
export { createSeededRandom, unitHash };
