import type { Binding } from '../binding/types.js';

/** A few readable lines that describe one binding. */
const formatBinding = (binding: Binding): string[] => {
  const { kafka } = binding;
  const lines = [
    `binding ${binding.id} (revision ${binding.revision}) of process ${binding.processId}`,
    `  topic ${kafka.topic} on ${kafka.bootstrapServers.join(',')}, group ${kafka.groupId} (${kafka.groupIdSource}), auto.offset.reset ${kafka.autoOffsetReset}${kafka.offsets === undefined ? '' : `, offsets [${kafka.offsets.join(', ')}]`}`,
    `  security ${kafka.authentication.securityProtocol}${kafka.authentication.saslMechanism === undefined ? '' : ` ${kafka.authentication.saslMechanism}`}${binding.secrets.length > 0 ? `, secrets ${binding.secrets.join(', ')}` : ''}`,
  ];
  for (const element of binding.elements) {
    const details = [
      element.messageName === undefined
        ? undefined
        : `message "${element.messageName}"`,
      element.correlationKeyExpression === undefined
        ? undefined
        : `correlation ${element.correlationKeyExpression}`,
      element.activationCondition === undefined
        ? undefined
        : `when ${element.activationCondition}`,
      element.resultVariable === undefined
        ? undefined
        : `into ${element.resultVariable}`,
    ].filter((part) => part !== undefined);
    lines.push(
      `  element ${element.elementId} (${element.kind})${details.length > 0 ? `: ${details.join(', ')}` : ''}`
    );
  }
  return lines;
};

export { formatBinding };
