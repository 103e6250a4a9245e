import { isFeelExpression } from '../feel/index.js';
import { createAvroReader } from '../kafka/createAvroReader.js';
import { GLUE_REGISTRY_ARN } from './constants.js';
import type { ElementReader } from './createElementReader.js';
import { evaluateFeelLiteral } from './evaluateFeelLiteral.js';
import { scanSecretReferences } from './findSecretReferences.js';
import type { SchemaStrategy } from './types.js';

/**
 * Why a registry URL cannot be used: it must be an http(s) URL (Camunda's
 * Confluent client) or an AWS Glue registry ARN (the ESM decodes those).
 */
const registryUrlProblem = (url: string): string | undefined => {
  if (GLUE_REGISTRY_ARN.test(url)) return undefined;
  if (scanSecretReferences(url).length > 0) {
    return 'the schema registry URL holds a secret reference: the ESM needs the URL itself; keep credentials in basic.auth.user.info (additionalProperties)';
  }
  if (!URL.canParse(url)) return `"${url}" is not a URL`;
  const { protocol } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') {
    return `"${url}" is not an http(s) URL (or an AWS Glue registry ARN)`;
  }
  return undefined;
};

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
  /** The Avro schema as JSON text, or undefined after reporting why not. */
  const avroSchemaText = (
    property: string,
    text: string
  ): string | undefined => {
    let json = text;
    if (isFeelExpression(text)) {
      // The template asks for FEEL: `={"type": "record", …}` is a context
      // literal; Camunda binds its value (a string, or the context as JSON).
      const literal = evaluateFeelLiteral(text);
      if (!literal.ok) {
        error(property, `the Avro schema ${literal.message}`);
        return undefined;
      }
      json =
        typeof literal.value === 'string'
          ? literal.value
          : JSON.stringify(literal.value);
    }
    try {
      createAvroReader(json);
      return json;
    } catch (problem) {
      error(property, (problem as Error).message);
      return undefined;
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
        const json = avroSchemaText('schemaStrategy.schema', schema);
        return json === undefined
          ? undefined
          : { type: 'inlineSchema', schema: json };
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
        } else {
          const problem = registryUrlProblem(url);
          if (problem !== undefined) {
            error('schemaStrategy.schemaRegistryUrl', problem);
            ok = false;
          }
        }
        if (schemaType !== 'avro' && schemaType !== 'json') {
          error(
            'schemaStrategy.schemaType',
            `"${schemaType}" is not a schema type the connector reads: use avro or json`
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
  const json = avroSchemaText('avro.schema', schema);
  return json === undefined
    ? undefined
    : { type: 'inlineSchema', schema: json };
};

export { readSchema };
