import { isFeelExpression } from '../feel/index.js';
import { checkFeelSyntax } from './checkFeelSyntax.js';
import type { ElementReader } from './createElementReader.js';
import { scanSecretReferences } from './findSecretReferences.js';
import type { SchemaStrategy } from './types.js';

/**
 * Reads an element's record format: `schemaStrategy.*`, or the older
 * `serializationType` / `avro.schema`; undefined (with the problem reported
 * to the reader) when it cannot be used.
 *
 * @param reader - the element's properties and problems
 */
const readSchema = ({
  raw,
  plain,
  error,
  warn,
}: ElementReader): SchemaStrategy | undefined => {
  const checkSchemaText = (property: string, text: string): boolean => {
    if (isFeelExpression(text)) {
      const problem = checkFeelSyntax(text);
      if (problem) error(property, problem);
      return !problem;
    }
    try {
      JSON.parse(text);
      return true;
    } catch {
      error(
        property,
        'the Avro schema is not JSON (or FEEL starting with "=")'
      );
      return false;
    }
  };
  const type = raw('schemaStrategy.type');
  const serialization = raw('serializationType');
  if (type !== undefined) {
    if (serialization !== undefined) {
      warn(
        'serializationType',
        'serializationType is ignored because schemaStrategy.type is set'
      );
    }
    switch (type) {
      case 'noSchema':
        return { type: 'noSchema' };
      case 'inlineSchema': {
        const schema = raw('schemaStrategy.schema');
        if (schema === undefined) {
          error('schemaStrategy.schema', 'the inline Avro schema is empty');
          return undefined;
        }
        return checkSchemaText('schemaStrategy.schema', schema)
          ? { type: 'inlineSchema', schema }
          : undefined;
      }
      case 'schemaRegistry': {
        const url = plain('schemaStrategy.schemaRegistryUrl');
        const schemaType = raw('schemaStrategy.schemaType') ?? 'avro';
        let ok = true;
        if (url === undefined) {
          error(
            'schemaStrategy.schemaRegistryUrl',
            'the schema registry URL is empty'
          );
          ok = false;
        } else if (
          scanSecretReferences(url).length === 0 &&
          !URL.canParse(url)
        ) {
          error('schemaStrategy.schemaRegistryUrl', `"${url}" is not a URL`);
          ok = false;
        }
        if (schemaType !== 'avro' && schemaType !== 'json') {
          error(
            'schemaStrategy.schemaType',
            `"${schemaType}" is not avro or json`
          );
          ok = false;
        }
        return ok &&
          url !== undefined &&
          (schemaType === 'avro' || schemaType === 'json')
          ? { type: 'schemaRegistry', schemaType, schemaRegistryUrl: url }
          : undefined;
      }
      default:
        error(
          'schemaStrategy.type',
          `"${type}" is not a schema strategy; use noSchema, inlineSchema or schemaRegistry`
        );
        return undefined;
    }
  }
  if (serialization === undefined || serialization === 'json') {
    return { type: 'noSchema' };
  }
  if (serialization !== 'avro') {
    error('serializationType', `"${serialization}" is not json or avro`);
    return undefined;
  }
  // Camunda's current runtime ignores the v5 Avro settings; honouring them
  // keeps what the person modelled (an inline Avro schema).
  const schema = raw('avro.schema');
  if (schema === undefined) {
    error(
      'avro.schema',
      'serializationType is avro but the Avro schema is empty'
    );
    return undefined;
  }
  return checkSchemaText('avro.schema', schema)
    ? { type: 'inlineSchema', schema }
    : undefined;
};

export { readSchema };
