import type { ValueFormat } from '../kafka/types.js';
import { GLUE_REGISTRY_ARN } from './constants.js';
import type { SchemaStrategy } from './types.js';

/**
 * How the consumer reads a binding's record values, from its schema
 * strategy: inline Avro, the Confluent wire format of a registry, or JSON
 * that the ESM decoded (an AWS Glue registry), else text.
 *
 * @param schema - The binding's schema strategy.
 */
const valueFormatOf = (schema: SchemaStrategy): ValueFormat => {
  switch (schema.type) {
    case 'inlineSchema':
      return { kind: 'inlineAvro', schema: schema.schema };
    case 'schemaRegistry':
      return GLUE_REGISTRY_ARN.test(schema.schemaRegistryUrl)
        ? { kind: 'esmJson', schemaType: schema.schemaType }
        : { kind: 'confluent', schemaType: schema.schemaType };
    default:
      return { kind: 'text' };
  }
};

export { valueFormatOf };
