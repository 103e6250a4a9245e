import type { Binding, BindingElement } from '../../lib/binding/types.js';
import type { DeployedBinding } from '../../lib/consumer/types.js';
import { SOAK_MESSAGE_NAME, SOAK_PROCESS_ID, SOAK_TOPIC } from './constants.js';
import type { SoakRunConfig } from './types.js';

// Puts the record's id in the variables: the double's records are matched
// to Kafka records by it (instances have no message id).
const RESULT_EXPRESSION =
  '={ "soakRecord": topic + "-" + string(partition) + "-" + string(offset), "seq": value.seq }';

const elementFor = (path: SoakRunConfig['path']): BindingElement =>
  path === 'publish'
    ? {
        elementId: 'OrderUpdated',
        kind: 'intermediateCatchEvent',
        messageName: SOAK_MESSAGE_NAME,
        consumeUnmatchedEvents: true,
        correlationKeyExpression: '=value.orderKey',
        correlationRequired: true,
        messageTtlMs: 3_600_000,
        resultExpression: RESULT_EXPRESSION,
      }
    : {
        elementId: 'OrderReceived',
        kind: 'noneStartEvent',
        consumeUnmatchedEvents: true,
        correlationRequired: false,
        messageTtlMs: 3_600_000,
        resultExpression: RESULT_EXPRESSION,
      };

/**
 * The binding a soak run consumes with: an intermediate catch event (publish,
 * deduplicated by the default message id) or a none start event (create,
 * deduplicated by the idempotency port and, when on, the business id), in
 * the run's ordering mode, behind a provisioned-mode ESM.
 *
 * @param config - The run's path, mode and business id setting.
 * @param keyConcurrency - Key mode: keys of a partition at once.
 */
const buildSoakBinding = (
  config: SoakRunConfig,
  keyConcurrency: number
): DeployedBinding => {
  const element = elementFor(config.path);
  const binding: Binding = {
    id: `${SOAK_PROCESS_ID}_${element.elementId}`,
    revision: `soak-${config.path}`,
    processId: SOAK_PROCESS_ID,
    elements: [element],
    secrets: [],
    kafka: {
      bootstrapServers: ['soak-broker-1:9092'],
      topic: SOAK_TOPIC,
      groupId: 'kafka-inbound-soak',
      groupIdSource: 'groupId',
      autoOffsetReset: 'earliest',
      clientProperties: {},
      authentication: { securityProtocol: 'PLAINTEXT' },
      schema: { type: 'noSchema' },
    },
  };
  return {
    binding,
    ordering: config.mode,
    keyConcurrency,
    esmMode: 'provisioned',
    ...(config.path === 'create' && config.businessId
      ? { businessIdUniqueness: true }
      : {}),
  };
};

export { buildSoakBinding };
