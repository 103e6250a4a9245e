import {
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAwsSchemaRegistry,
  RegistrySecretUnavailableError,
} from '../../lib/aws/index.js';
import { redactBinding } from '../../lib/binding/index.js';
import { esmBindingFactory } from '../support/factories/index.js';
import { type Moto, startMoto } from '../support/moto.js';
import {
  type SchemaRegistryDouble,
  startSchemaRegistryDouble,
} from '../support/schema-registry-double.js';

const credentials = { username: 'reader', password: 'sr-secret-1234' };
const BASE = 'kafka-inbound/order-process-kafka-start';

describe('Function: createAwsSchemaRegistry', () => {
  let moto: Moto;
  let client: SecretsManagerClient;
  let registry: SchemaRegistryDouble;

  beforeAll(async () => {
    [moto, registry] = await Promise.all([
      startMoto(),
      startSchemaRegistryDouble({ basicAuth: credentials }),
    ]);
    client = new SecretsManagerClient(moto.clientConfig);
  });
  beforeEach(() => moto.reset());
  afterAll(async () => {
    await Promise.all([moto?.stop(), registry?.close()]);
  });

  // As the binding store holds it: literal credentials masked.
  const storedBinding = () =>
    redactBinding(
      esmBindingFactory({
        schema: {
          type: 'schemaRegistry',
          schemaType: 'avro',
          schemaRegistryUrl: registry.url,
        },
        clientProperties: {
          'basic.auth.credentials.source': 'USER_INFO',
          'basic.auth.user.info': `${credentials.username}:${credentials.password}`,
        },
      })
    );

  it('reads the per-binding registry secrets the provisioner wrote and fetches schemas with them', async () => {
    await client.send(
      new CreateSecretCommand({
        Name: `${BASE}/schema_registry_basic_auth`,
        SecretString: JSON.stringify(credentials),
      })
    );
    const id = registry.register('"string"');
    const binding = storedBinding();
    expect(JSON.stringify(binding)).not.toContain(credentials.password);

    const port = await createAwsSchemaRegistry(binding, {
      client,
      secretPrefix: 'kafka-inbound/',
    });

    expect(port?.address).toBe(registry.url);
    expect(await port?.getSchema(id)).toEqual({
      schemaType: 'AVRO',
      schema: '"string"',
    });
  });

  it('says which secret it cannot read, never its value', async () => {
    await client.send(
      new CreateSecretCommand({
        Name: `${BASE}/schema_registry_basic_auth`,
        SecretString: `{"password": "${credentials.password}"`,
      })
    );
    const error = await createAwsSchemaRegistry(storedBinding(), {
      client,
      secretPrefix: 'kafka-inbound/',
    }).catch((thrown: Error) => thrown);
    expect(error).toBeInstanceOf(RegistrySecretUnavailableError);
    expect((error as Error).message).toBe(
      `the schema registry secret ${BASE}/schema_registry_basic_auth cannot be read (not JSON)`
    );
  });

  it('gives no client to a binding without a Confluent-compatible registry', async () => {
    expect(
      await createAwsSchemaRegistry(esmBindingFactory(), {
        client,
        secretPrefix: 'kafka-inbound/',
      })
    ).toBeUndefined();
  });
});
