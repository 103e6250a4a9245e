/** The `eventSource` values a Kafka event source mapping sends. */
const KAFKA_EVENT_SOURCES = [
  'aws:kafka',
  'SelfManagedKafka',
  // Older documentation and libraries spell the self-managed source this way.
  'aws:SelfManagedKafka',
] as const;

/**
 * Deepest JSON nesting decoded as JSON. Deeper text stays a string: it
 * matches Jackson's default `maxNestingDepth` (what Camunda's connector
 * parses with) and keeps later recursive steps (FEEL context copies,
 * `JSON.stringify` of variables) clear of stack overflows.
 */
const MAX_JSON_DEPTH = 1000;

/**
 * Items of a type that takes no bytes (null, an empty record, a fixed of
 * size 0) one Avro value may hold in its arrays and maps: every other item
 * takes at least one byte of the value, so a block count beyond the value's
 * bytes plus this many is a lie (lib/kafka's Avro reader refuses it before
 * reading or allocating anything for it).
 */
const MAX_AVRO_EMPTY_ITEMS = 100_000;

/**
 * Items (array items and map entries, at any depth) one Avro value may hold.
 * Avro spends as little as one byte on an item that becomes an object
 * (a record of one boolean): the 4 MB a batch can carry would be 4,000,000
 * objects, twice (avsc's and the JSON value), 490 MB at the peak on a 512 MB
 * function. A value of more items could never be sent whole anyway (two
 * bytes of JSON per item at least, over Camunda's 1.5 MB of variables).
 */
const MAX_AVRO_ITEMS = 1_000_000;

export {
  KAFKA_EVENT_SOURCES,
  MAX_AVRO_EMPTY_ITEMS,
  MAX_AVRO_ITEMS,
  MAX_JSON_DEPTH,
};
