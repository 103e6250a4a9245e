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

export { KAFKA_EVENT_SOURCES, MAX_JSON_DEPTH };
