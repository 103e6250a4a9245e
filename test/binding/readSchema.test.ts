import { describe, expect, it } from 'vitest';
import { buildBindings } from '../../lib/binding/index.js';
import { parseBpmn } from '../../lib/bpmn/index.js';
import {
  buildBpmn,
  type TestElement,
  validProperties,
} from '../support/bpmn.js';

const catchEvent = (
  overrides: Record<string, string | undefined>
): TestElement => ({
  id: 'A',
  kind: 'intermediateCatchEvent',
  properties: validProperties(overrides),
  message: { id: 'Message_A', name: 'msg-A', correlationKey: '=orderId' },
});

const model = async (overrides: Record<string, string | undefined>) =>
  buildBindings(
    await parseBpmn(
      buildBpmn({ id: 'order-process', elements: [catchEvent(overrides)] })
    )
  );

const PRODUCT =
  '{"type": "record", "name": "Product", "fields": [{"name": "id", "type": "int"}]}';

const inline = (schema: string) => ({
  'schemaStrategy.type': 'inlineSchema',
  'schemaStrategy.schema': schema,
});

const registry = (
  url: string,
  schemaType = 'avro',
  additionalProperties?: string
) => ({
  'schemaStrategy.type': 'schemaRegistry',
  'schemaStrategy.schemaRegistryUrl': url,
  'schemaStrategy.schemaType': schemaType,
  ...(additionalProperties === undefined ? {} : { additionalProperties }),
});

const problemsOf = async (overrides: Record<string, string | undefined>) =>
  (await model(overrides)).errors.map((e) => [e.property, e.message]);

describe('Binding validation: schema strategies', () => {
  it('keeps an inline Avro schema as JSON text', async () => {
    const result = await model(inline(PRODUCT));
    expect(result.errors).toEqual([]);
    expect(result.bindings[0]?.kafka.schema).toEqual({
      type: 'inlineSchema',
      schema: PRODUCT,
    });
  });

  it('evaluates the FEEL the template asks for: a context literal becomes the schema’s JSON', async () => {
    const result = await model(inline(`=${PRODUCT}`));
    expect(result.errors).toEqual([]);
    expect(result.bindings[0]?.kafka.schema).toEqual({
      type: 'inlineSchema',
      schema:
        '{"type":"record","name":"Product","fields":[{"name":"id","type":"int"}]}',
    });
  });

  it('refuses a malformed inline schema with element and property', async () => {
    expect(await problemsOf(inline('{"type": "record", "name": "P"}'))).toEqual(
      [
        [
          'schemaStrategy.schema',
          expect.stringMatching(/^the Avro schema is not valid: /),
        ],
      ]
    );
    expect(await problemsOf(inline('{"type": "record"'))).toEqual([
      [
        'schemaStrategy.schema',
        expect.stringMatching(/^the Avro schema is not JSON/),
      ],
    ]);
    const old = await model({
      'schemaStrategy.type': undefined,
      serializationType: 'avro',
      'avro.schema': '{"type": "nosuchtype"}',
    });
    expect(old.errors.map((e) => [e.elementId, e.property])).toEqual([
      ['A', 'avro.schema'],
    ]);
    expect(await problemsOf(inline('=orderSchema'))).toEqual([
      ['schemaStrategy.schema', expect.stringMatching(/^the Avro schema /)],
    ]);
  });

  it('refuses an unsupported schema type and a registry URL that is not http(s)', async () => {
    expect(await problemsOf(registry('http://r:8081', 'protobuf'))).toEqual([
      [
        'schemaStrategy.schemaType',
        '"protobuf" is not a schema type the connector reads: use avro or json',
      ],
    ]);
    expect(await problemsOf(registry('ftp://r:8081'))).toEqual([
      [
        'schemaStrategy.schemaRegistryUrl',
        '"ftp://r:8081" is not an http(s) URL (or an AWS Glue registry ARN)',
      ],
    ]);
    expect(await problemsOf(registry('registry:8081'))).toEqual([
      [
        'schemaStrategy.schemaRegistryUrl',
        expect.stringMatching(/is not an http\(s\) URL/),
      ],
    ]);
  });

  it('accepts an AWS Glue registry ARN as the registry', async () => {
    const result = await model(
      registry('arn:aws:glue:eu-west-1:111122223333:registry/orders')
    );
    expect(result.errors).toEqual([]);
  });

  it('refuses registry credentials that cannot be carried, naming the property', async () => {
    expect(
      await problemsOf(
        registry(
          'https://r:8081',
          'avro',
          '={"basic.auth.credentials.source": "USER_INFO"}'
        )
      )
    ).toEqual([
      [
        'basic.auth.user.info',
        'basic.auth.credentials.source=USER_INFO needs basic.auth.user.info as "user:password"',
      ],
    ]);
    expect(
      await problemsOf(
        registry(
          'https://r:8081',
          'avro',
          '={"bearer.auth.credentials.source": "STATIC_TOKEN", "bearer.auth.token": "t"}'
        )
      )
    ).toEqual([
      ['bearer.auth.credentials.source', expect.stringMatching(/bearer-token/)],
      ['bearer.auth.token', expect.stringMatching(/bearer-token/)],
    ]);
    expect(
      await problemsOf(
        registry(
          'https://r:8081',
          'avro',
          '={"basic.auth.credentials.source": "SASL_INHERIT"}'
        )
      )
    ).toEqual([
      [
        'basic.auth.credentials.source',
        'basic.auth.credentials.source=SASL_INHERIT needs a Kafka SASL username and password',
      ],
    ]);
  });

  it('accepts registry credentials given as secret references', async () => {
    const result = await model(
      registry(
        'https://r:8081',
        'json',
        '={"basic.auth.credentials.source": "USER_INFO", "basic.auth.user.info": "reader:{{secrets.SR_PASSWORD}}"}'
      )
    );
    expect(result.errors).toEqual([]);
    expect(result.bindings[0]?.secrets).toEqual(['SR_PASSWORD']);
  });
});
