import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SchemaNotFoundError,
  SchemaRegistryUnavailableError,
} from '../../lib/kafka/index.js';
import { createRegistryClient } from '../../lib/registry/index.js';
import {
  type SchemaRegistryDouble,
  startSchemaRegistryDouble,
} from '../support/schema-registry-double.js';

const credentials = { username: 'reader', password: 's3cr3t-pw' };

describe('Function: createRegistryClient', () => {
  let registry: SchemaRegistryDouble;

  beforeAll(async () => {
    registry = await startSchemaRegistryDouble({ basicAuth: credentials });
  });
  afterAll(() => registry.close());

  it('fetches a schema by id with basic authentication, once', async () => {
    const id = registry.register('{"type": "string"}');
    const jsonId = registry.register('{"type": "object"}', 'JSON');
    const client = createRegistryClient({
      url: registry.url,
      basicAuth: credentials,
    });
    expect(await client.getSchema(id)).toEqual({
      schemaType: 'AVRO',
      schema: '{"type": "string"}',
    });
    expect(await client.getSchema(jsonId)).toEqual({
      schemaType: 'JSON',
      schema: '{"type": "object"}',
    });
    await client.getSchema(id);
    const asked = registry.requests.filter(
      (r) => r.path === `/schemas/ids/${id}`
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]?.authorization).toBe(
      `Basic ${Buffer.from('reader:s3cr3t-pw').toString('base64')}`
    );
  });

  it('fetches a referenced subject version, and its references', async () => {
    const version = registry.registerSubject(
      'address-value',
      '{"type": "record", "name": "Address", "fields": []}'
    );
    const id = registry.register('{"type": "string"}', 'AVRO', [
      { name: 'Address', subject: 'address-value', version },
    ]);
    const client = createRegistryClient({
      url: registry.url,
      basicAuth: credentials,
    });
    expect((await client.getSchema(id)).references).toEqual([
      { name: 'Address', subject: 'address-value', version },
    ]);
    expect(await client.getSubjectVersion('address-value', version)).toEqual({
      schemaType: 'AVRO',
      schema: '{"type": "record", "name": "Address", "fields": []}',
    });
    await expect(client.getSubjectVersion('address-value', 99)).rejects.toThrow(
      SchemaNotFoundError
    );
  });

  it('throws SchemaNotFoundError for an unknown id', async () => {
    const client = createRegistryClient({
      url: registry.url,
      basicAuth: credentials,
    });
    await expect(client.getSchema(9999)).rejects.toThrow(SchemaNotFoundError);
  });

  it('throws SchemaRegistryUnavailableError for 5xx (not cached), refused credentials and silence, never quoting the password', async () => {
    const id = registry.register('"int"');
    const client = createRegistryClient({
      url: registry.url,
      basicAuth: credentials,
    });
    registry.failNext(1, 503);
    await expect(client.getSchema(id)).rejects.toThrow(/answered HTTP 503/);
    expect((await client.getSchema(id)).schema).toBe('"int"');

    const wrong = createRegistryClient({
      url: registry.url,
      basicAuth: { username: 'reader', password: 'wrong' },
    });
    const refused = await wrong.getSchema(id).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(SchemaRegistryUnavailableError);
    expect((refused as Error).message).toMatch(
      /refused the credentials \(HTTP 401\)/
    );
    expect((refused as Error).message).not.toContain('wrong');

    registry.delay(300);
    try {
      const slow = createRegistryClient({
        url: registry.url,
        basicAuth: credentials,
        timeoutMs: 50,
      });
      await expect(slow.getSchema(id)).rejects.toThrow(
        /no answer within 50 ms/
      );
    } finally {
      registry.delay(0);
    }
  });

  it('cannot reach a closed port', async () => {
    const client = createRegistryClient({
      url: 'http://127.0.0.1:9',
      timeoutMs: 500,
    });
    await expect(client.getSchema(1)).rejects.toThrow(
      /the schema registry http:\/\/127\.0\.0\.1:9 cannot be reached/
    );
  });
});
