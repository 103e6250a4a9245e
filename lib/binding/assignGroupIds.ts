import type { Problem } from '../bpmn/types.js';
import { defaultGroupId } from './buildClientProperties.js';
import { GROUP_ID_LIMITS } from './constants.js';
import { hashConfiguration } from './hashConfiguration.js';
import type { Binding } from './types.js';

/** Keep a generated group id within what an event source mapping accepts. */
const fitGroupId = (groupId: string): string => {
  if (
    groupId.length <= GROUP_ID_LIMITS.maxLength &&
    GROUP_ID_LIMITS.allowed.test(groupId)
  ) {
    return groupId;
  }
  const hash = hashConfiguration(groupId, GROUP_ID_LIMITS.hashLength);
  const prefix = groupId
    .replace(/[^a-zA-Z0-9\-/*:_+=.@]/g, '_')
    .slice(0, GROUP_ID_LIMITS.maxLength - hash.length - 1);
  return `${prefix}-${hash}`;
};

const bindingKey = (binding: Binding): string =>
  binding.deduplicationId ?? binding.elements[0]?.elementId ?? binding.id;

const elementList = (bindings: readonly Binding[]): string =>
  bindings.map((b) => b.elements.map((e) => e.elementId).join('+')).join(', ');

const sourceKey = (binding: Binding): string =>
  [
    binding.kafka.topic,
    [...binding.kafka.bootstrapServers].sort().join(','),
  ].join('\n');

/** Whether the bindings all read one topic on the same servers. */
const sameSource = (bindings: readonly Binding[]): boolean =>
  new Set(bindings.map(sourceKey)).size === 1;

const withGroupId = (
  binding: Binding,
  groupId: string,
  source: Binding['kafka']['groupIdSource']
): Binding => ({
  ...binding,
  kafka: {
    ...binding.kafka,
    groupId,
    groupIdSource: source,
    clientProperties: {
      ...binding.kafka.clientProperties,
      'group.id': groupId,
    },
  },
});

const CAMUNDA_GROUP_ID_NOTE =
  "Camunda's runtime generates its group id from its deduplication id instead (it changes across Camunda versions), so a process moved from Camunda's runtime starts as a new consumer group (autoOffsetReset applies); set groupId explicitly, to Camunda's group id to continue where it left off";

/** KafkaExecutable.activate warns when no group id is configured; so do we. */
const noGroupIdWarning = (binding: Binding, groupId: string): Problem => {
  const element = binding.elements[0];
  return {
    ...(element ? { elementId: element.elementId } : {}),
    property: 'groupId',
    message: `no consumer group id is configured: kafka-inbound uses "${groupId}". ${CAMUNDA_GROUP_ID_NOTE}`,
  };
};

/**
 * Make sure no two bindings of one process share a consumer group: on one
 * topic they would split its partitions, and on any topic their event source
 * mappings would break AWS's rule that "the consumer group ID that you
 * specify must be unique among all your Kafka event sources" (Lambda
 * developer guide, "Customizable consumer group ID"). When a process has
 * several bindings, those on the seed's default group id get a derived one,
 * `kafka-inbound-connector-<processId>-<deduplicationId or elementId>`, with a
 * warning; the same explicit group id on two of them is an error.
 *
 * @param bindings - bindings with their group ids as configured
 */
const assignGroupIds = (
  bindings: readonly Binding[]
): {
  bindings: Binding[];
  /** Ids of bindings that share an explicit group id with another. */
  conflicting: Set<string>;
  errors: Problem[];
  warnings: Problem[];
} => {
  const conflicting = new Set<string>();
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const byProcess = new Map<string, Binding[]>();
  for (const binding of bindings) {
    const key = binding.processId;
    byProcess.set(key, [...(byProcess.get(key) ?? []), binding]);
  }
  const result = new Map<string, Binding>();
  for (const group of byProcess.values()) {
    const explicit = group.filter((b) => b.kafka.groupIdSource !== 'default');
    const defaults = group.filter((b) => b.kafka.groupIdSource === 'default');
    const byExplicitId = new Map<string, Binding[]>();
    for (const binding of explicit) {
      const id = binding.kafka.groupId;
      byExplicitId.set(id, [...(byExplicitId.get(id) ?? []), binding]);
      result.set(binding.id, binding);
    }
    for (const [groupId, sharing] of byExplicitId) {
      if (sharing.length < 2) continue;
      for (const binding of sharing) conflicting.add(binding.id);
      for (const binding of sharing.slice(1)) {
        const element = binding.elements[0];
        errors.push({
          ...(element ? { elementId: element.elementId } : {}),
          property:
            binding.kafka.groupIdSource === 'additionalProperties'
              ? 'additionalProperties'
              : 'groupId',
          message: sameSource(sharing)
            ? `elements ${elementList(sharing)} read topic "${binding.kafka.topic}" with the same consumer group "${groupId}", so they would split its partitions and each miss records; give each its own group id (or one deduplication id)`
            : `elements ${elementList(sharing)} use the same consumer group "${groupId}" on different topics or servers, but an event source mapping's consumer group id must be unique among all Kafka event source mappings (AWS Lambda developer guide, "Customizable consumer group ID"); give each its own group id`,
        });
      }
    }
    const derive = group.length > 1;
    for (const binding of defaults) {
      const fallback = defaultGroupId(binding.processId);
      if (!derive) {
        const groupId = fitGroupId(fallback);
        warnings.push(noGroupIdWarning(binding, groupId));
        result.set(binding.id, withGroupId(binding, groupId, 'default'));
        continue;
      }
      let groupId = fitGroupId(`${fallback}-${bindingKey(binding)}`);
      if (byExplicitId.has(groupId)) {
        groupId = fitGroupId(`${groupId}-${hashConfiguration(binding.id, 8)}`);
      }
      const element = binding.elements[0];
      warnings.push({
        ...(element ? { elementId: element.elementId } : {}),
        property: 'groupId',
        message: sameSource(group)
          ? `elements ${elementList(group)} read topic "${binding.kafka.topic}"; so they do not share the default consumer group, this one uses "${groupId}" (set groupId to choose a stable id yourself). ${CAMUNDA_GROUP_ID_NOTE}`
          : `elements ${elementList(group)} of process "${binding.processId}" have Kafka bindings, and an event source mapping's consumer group id must be unique among all Kafka event source mappings; so they do not share the default consumer group, this one uses "${groupId}" (set groupId to choose a stable id yourself). ${CAMUNDA_GROUP_ID_NOTE}`,
      });
      result.set(binding.id, withGroupId(binding, groupId, 'derived'));
    }
  }
  return {
    bindings: bindings.map((b) => result.get(b.id) ?? b),
    conflicting,
    errors,
    warnings,
  };
};

export { assignGroupIds, fitGroupId };
