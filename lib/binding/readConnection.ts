import { CONNECTOR_DEFAULTS } from './constants.js';
import type { ElementReader } from './createElementReader.js';
import { findLiteralCredentials } from './findLiteralCredentials.js';
import { scanSecretReferences } from './findSecretReferences.js';
import { parseAdditionalProperties } from './parseAdditionalProperties.js';
import { parseBootstrapServers } from './parseBootstrapServers.js';
import { parseOffsets } from './parseOffsets.js';
import type { AutoOffsetReset } from './types.js';

/** An element's connection properties; a value with errors is absent. */
interface ElementConnection {
  readonly bootstrapServers?: string[];
  readonly topic?: string;
  readonly username?: string;
  readonly password?: string;
  readonly groupId?: string;
  readonly additionalProperties: Record<string, string>;
  readonly offsets?: readonly (number | null)[];
  readonly autoOffsetReset?: AutoOffsetReset;
}

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const AUTO_OFFSET_RESETS: readonly AutoOffsetReset[] = [
  'none',
  'latest',
  'earliest',
];

/**
 * Reads where and how an element connects: bootstrap servers, topic,
 * credentials, group id, additional properties, offsets and the auto offset
 * reset, reporting each problem to the reader.
 *
 * @param reader - the element's properties and problems
 */
const readConnection = ({
  raw,
  plain,
  error,
  warn,
  errors,
}: ElementReader): ElementConnection => {
  if (raw('kafkaConnectionConfiguration') !== undefined) {
    error(
      'kafkaConnectionConfiguration',
      'a reusable connection credential (Camunda 8.10 kafkaConnectionConfiguration) is stored in the Camunda cluster and cannot be read by kafka-inbound; leave it empty and fill in bootstrap servers and authentication'
    );
  }
  let bootstrapServers: string[] | undefined;
  const servers = plain('topic.bootstrapServers');
  if (servers === undefined) {
    if (!errors.some((e) => e.property === 'topic.bootstrapServers')) {
      error(
        'topic.bootstrapServers',
        'bootstrap servers are empty: give a comma-separated list of host:port'
      );
    }
  } else {
    const parsed = parseBootstrapServers(servers);
    if (parsed.ok) bootstrapServers = parsed.value;
    else error('topic.bootstrapServers', parsed.message);
  }
  const topic = plain('topic.topicName');
  if (topic === undefined) {
    if (!errors.some((e) => e.property === 'topic.topicName')) {
      error('topic.topicName', 'the topic name is empty');
    }
  } else if (!TOPIC.test(topic) && scanSecretReferences(topic).length === 0) {
    error(
      'topic.topicName',
      `"${topic}" is not a valid Kafka topic name (1–249 characters of a-z, A-Z, 0-9, ".", "_", "-")`
    );
  }
  const username = plain('authentication.username');
  const password = plain('authentication.password');
  const groupId = plain('groupId');
  let additionalProperties: Record<string, string> = {};
  const additionalRaw = raw('additionalProperties');
  if (additionalRaw !== undefined) {
    const parsed = parseAdditionalProperties(additionalRaw);
    if (parsed.ok) additionalProperties = parsed.value;
    else error('additionalProperties', parsed.message);
  }
  for (const literal of findLiteralCredentials(
    password,
    additionalProperties
  )) {
    warn(
      literal.property,
      `${literal.holder} is typed into the BPMN as plain text: anyone who can read the file or the deployed process sees it. Reference a secret instead ({{secrets.NAME}}), as Camunda's documentation asks; kafka-inbound masks the value (***) wherever it prints or stores the binding`
    );
  }
  let offsets: readonly (number | null)[] | undefined;
  const offsetsRaw = raw('offsets');
  if (offsetsRaw !== undefined) {
    const parsed = parseOffsets(offsetsRaw);
    if (parsed.ok) offsets = parsed.value;
    else error('offsets', parsed.message);
  }
  const resetRaw = raw('autoOffsetReset');
  if (resetRaw === undefined) {
    warn(
      'autoOffsetReset',
      `autoOffsetReset is not set: kafka-inbound uses ${CONNECTOR_DEFAULTS.autoOffsetReset}; Camunda's connector refuses to start without it (@NotNull)`
    );
  }
  // Camunda's object mapper reads enums case-insensitively.
  const resetText = (
    resetRaw ?? CONNECTOR_DEFAULTS.autoOffsetReset
  ).toLowerCase();
  const autoOffsetReset = AUTO_OFFSET_RESETS.find((r) => r === resetText);
  if (!autoOffsetReset) {
    error(
      'autoOffsetReset',
      `"${resetRaw}" is not an auto offset reset; use none, latest or earliest`
    );
  } else if (autoOffsetReset === 'none' && !offsets) {
    warn(
      'autoOffsetReset',
      'auto offset reset "none" without offsets: consuming fails while the consumer group has no committed offset'
    );
  }
  return {
    bootstrapServers,
    topic,
    username,
    password,
    groupId,
    additionalProperties,
    offsets,
    autoOffsetReset,
  };
};

export type { ElementConnection };
export { readConnection };
