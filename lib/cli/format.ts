import type { Binding } from '../binding/types.js';
import { escapeTerminal as shown } from '../text/index.js';

/**
 * A few readable lines that describe one binding. Every name and value is
 * escaped for the terminal: a topic, group or expression may hold control
 * characters (a secret reference lets a topic pass validation with any
 * text around it).
 */
const formatBinding = (binding: Binding): string[] => {
  const { kafka } = binding;
  const lines = [
    `binding ${shown(binding.id)} (revision ${shown(binding.revision)}) of process ${shown(binding.processId)}`,
    `  topic ${shown(kafka.topic)} on ${shown(kafka.bootstrapServers.join(','))}, group ${shown(kafka.groupId)} (${kafka.groupIdSource}), auto.offset.reset ${kafka.autoOffsetReset}${kafka.offsets === undefined ? '' : `, offsets [${kafka.offsets.join(', ')}]`}`,
    `  security ${kafka.authentication.securityProtocol}${kafka.authentication.saslMechanism === undefined ? '' : ` ${kafka.authentication.saslMechanism}`}${binding.secrets.length > 0 ? `, secrets ${shown(binding.secrets.join(', '))}` : ''}`,
  ];
  for (const element of binding.elements) {
    const details = [
      element.messageName === undefined
        ? undefined
        : `message "${shown(element.messageName)}"`,
      element.correlationKeyExpression === undefined
        ? undefined
        : `correlation ${shown(element.correlationKeyExpression)}`,
      element.activationCondition === undefined
        ? undefined
        : `when ${shown(element.activationCondition)}`,
      element.resultVariable === undefined
        ? undefined
        : `into ${shown(element.resultVariable)}`,
    ].filter((part) => part !== undefined);
    lines.push(
      `  element ${shown(element.elementId)} (${element.kind})${details.length > 0 ? `: ${details.join(', ')}` : ''}`
    );
  }
  return lines;
};

export { formatBinding };
