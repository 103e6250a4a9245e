import type { KafkaElement, Problem } from '../bpmn/types.js';
import { isFeelExpression } from '../feel/index.js';
import { evaluateFeelLiteral } from './evaluateFeelLiteral.js';

/**
 * One Kafka element's connector properties, and the problems found in them
 * so far (each naming the element and the property). The readers of the
 * element's sections share it.
 */
interface ElementReader {
  readonly source: KafkaElement;
  readonly errors: Problem[];
  readonly warnings: Problem[];
  readonly error: (property: string | undefined, message: string) => void;
  readonly warn: (property: string | undefined, message: string) => void;
  /** The trimmed value; undefined when absent or empty. */
  readonly raw: (name: string) => string | undefined;
  /** A plain value, or a FEEL string literal (`="text"`). */
  readonly plain: (name: string) => string | undefined;
}

// Fields of KafkaConnectorProperties without @FEEL: Camunda binds their text
// as is, "=" included.
const NOT_FEEL_IN_CAMUNDA = new Set([
  'topic.topicName',
  'groupId',
  'authentication.username',
  'authentication.password',
]);

/**
 * The reader of one Kafka element's connector properties.
 *
 * @param source - the element as parsed from the BPMN
 */
const createElementReader = (source: KafkaElement): ElementReader => {
  const { elementId } = source;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const error = (property: string | undefined, message: string) =>
    errors.push({ elementId, ...(property ? { property } : {}), message });
  const warn = (property: string | undefined, message: string) =>
    warnings.push({ elementId, ...(property ? { property } : {}), message });
  const raw = (name: string): string | undefined => {
    const value = source.properties[name]?.trim();
    return value === '' ? undefined : value;
  };
  const plain = (name: string): string | undefined => {
    const value = raw(name);
    if (value === undefined || !isFeelExpression(value)) return value;
    if (NOT_FEEL_IN_CAMUNDA.has(name)) {
      warn(
        name,
        `${name} is not a FEEL property in Camunda's connector: its runtime uses the text as written (with the "="), kafka-inbound the literal's value`
      );
    }
    const literal = evaluateFeelLiteral(value);
    if (literal.ok && typeof literal.value === 'string') return literal.value;
    error(
      name,
      literal.ok
        ? `${name} must be text, or a FEEL string literal such as ="value"`
        : `${name} ${literal.message}`
    );
    return undefined;
  };
  return { source, errors, warnings, error, warn, raw, plain };
};

export type { ElementReader };
export { createElementReader };
