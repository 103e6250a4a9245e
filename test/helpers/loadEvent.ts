import { readFileSync } from 'node:fs';
import type { KafkaEvent } from '../../lib/kafka/types.js';

/** Loads `test/events/<name>.json`; a fresh copy each call, safe to mutate. */
const loadEvent = (name: string): KafkaEvent =>
  structuredClone(
    JSON.parse(
      readFileSync(new URL(`../events/${name}.json`, import.meta.url), 'utf8')
    ) as KafkaEvent
  );

export { loadEvent };
