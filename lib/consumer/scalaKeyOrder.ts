// The order in which Camunda's runtime writes the entries of a FEEL context
// (LocalFeelExpressionEvaluator → Jackson). feel-scala 1.22 hands a context
// out through VariableProvider.getVariables (`keys.map(…).toMap`) and
// JavaValueMapper (`….toMap.asJava`): Scala 2.13 keeps the order of maps of
// up to four entries (Map1…Map4) and builds an immutable.HashMap (CHAMP) for
// more, whose order follows the keys' hashes. A context that came from the
// record (Jackson's LinkedHashMap, read by DefaultValueMapper as
// `x.asScala.map(…).toMap`) passes a mutable.HashMap first, so even its
// small maps follow that table's order.
// Source: camunda/feel-scala src/main/scala/org/camunda/feel/context/
// VariableProvider.scala, impl/JavaValueMapper.scala, impl/
// DefaultValueMapper.scala; scala/scala 2.13 collection/Hashing.scala
// (improve), immutable/HashMap.scala and ChampCommon.scala (iteration),
// mutable/HashMap.scala (improveHash, sorted buckets, 16 slots).

/** Scala maps of up to this many entries keep their insertion order. */
const SMALL_MAP = 4;
/** CHAMP: 5 bits of the hash per trie level, 32 bits in all. */
const BITS_PER_LEVEL = 5;
const HASH_BITS = 32;
/** mutable.HashMap's default table (16 slots, resized only past 12). */
const MUTABLE_SLOTS = 16;

/** Java's `String.hashCode` (UTF-16 code units, 32-bit overflow). */
const javaStringHash = (text: string): number => {
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  }
  return hash;
};

/** scala.collection.Hashing.improve (immutable.HashMap's key hash). */
const improveChamp = (hash: number): number => {
  let h = (hash + ~(hash << 9)) | 0;
  h ^= h >>> 14;
  h = (h + (h << 4)) | 0;
  return h ^ (h >>> 10);
};

interface Hashed {
  readonly key: string;
  readonly hash: number;
}

/**
 * CHAMP's iteration order: a node's own entries (keys alone at their 5-bit
 * slot) by slot, then its sub-nodes by slot, depth first. Keys whose 32-bit
 * hashes are equal share a collision node, in insertion order.
 */
const champOrder = (entries: readonly Hashed[], shift: number): string[] => {
  if (shift >= HASH_BITS) return entries.map((e) => e.key);
  const slots = new Map<number, Hashed[]>();
  for (const entry of entries) {
    const slot = (entry.hash >>> shift) & 31;
    const group = slots.get(slot);
    if (group === undefined) slots.set(slot, [entry]);
    else group.push(entry);
  }
  const ordered = [...slots.entries()].sort((a, b) => a[0] - b[0]);
  const payload: string[] = [];
  const nodes: string[] = [];
  for (const [, group] of ordered) {
    const [only] = group;
    if (group.length === 1 && only !== undefined) payload.push(only.key);
    else nodes.push(...champOrder(group, shift + BITS_PER_LEVEL));
  }
  return [...payload, ...nodes];
};

/**
 * mutable.HashMap's order: by slot (`(h ^ h >>> 16) & 15`), within a slot
 * by improved hash (signed), equal hashes in insertion order.
 */
const mutableOrder = (keys: readonly string[]): string[] =>
  keys
    .map((key, index) => {
      const hash = javaStringHash(key);
      const improved = hash ^ (hash >>> 16);
      return { key, index, improved, slot: improved & (MUTABLE_SLOTS - 1) };
    })
    .sort(
      (a, b) => a.slot - b.slot || a.improved - b.improved || a.index - b.index
    )
    .map((e) => e.key);

/**
 * The keys of a FEEL context in the order Camunda's runtime writes them:
 * more than four entries in immutable.HashMap order; fewer as given, or, for
 * a context that came from the record, in mutable.HashMap order.
 *
 * @param keys - the context's keys in their written order
 * @param fromRecord - whether the context is the record's own object (asked
 *   only for two to four keys)
 */
const scalaKeyOrder = (
  keys: readonly string[],
  fromRecord: () => boolean
): readonly string[] => {
  if (keys.length > SMALL_MAP) {
    return champOrder(
      keys.map((key) => ({ key, hash: improveChamp(javaStringHash(key)) })),
      0
    );
  }
  return keys.length > 1 && fromRecord() ? mutableOrder(keys) : keys;
};

export { scalaKeyOrder };
