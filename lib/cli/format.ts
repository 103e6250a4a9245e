import { GLUE_REGISTRY_ARN } from '../binding/constants.js';
import type { Binding, SchemaStrategy } from '../binding/types.js';
import { escapeTerminal as shown } from '../text/index.js';

/** How record values are decoded; undefined for text/JSON (noSchema). */
const describeSchema = (schema: SchemaStrategy): string | undefined => {
  if (schema.type === 'inlineSchema') {
    let name = 'schema';
    try {
      const parsed = JSON.parse(schema.schema) as { name?: unknown };
      if (typeof parsed.name === 'string') name = parsed.name;
    } catch {
      // Validation reports it.
    }
    return `  values Avro with the inline schema ${shown(name)}`;
  }
  if (schema.type === 'schemaRegistry') {
    const glue = GLUE_REGISTRY_ARN.test(schema.schemaRegistryUrl);
    return `  values ${schema.schemaType === 'avro' ? 'Avro' : 'JSON Schema'} from the ${glue ? 'AWS Glue' : 'Confluent-compatible'} schema registry ${shown(schema.schemaRegistryUrl.replace(/\/\/[^@/]*@/, '//'))}`;
  }
  return undefined;
};

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
  const values = describeSchema(kafka.schema);
  if (values !== undefined) lines.push(values);
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
