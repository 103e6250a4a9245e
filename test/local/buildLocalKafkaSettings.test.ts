import { describe, expect, it } from 'vitest';
import { loadBindingModel } from '../../lib/binding/index.js';
import type { Binding } from '../../lib/binding/types.js';
import {
  buildLocalKafkaSettings,
  LocalKafkaConfigError,
  LocalSecretMissingError,
  secretVariableNames,
} from '../../lib/local/index.js';
import { kafkaBpmn } from '../support/bpmn.js';

const bindingOf = async (
  properties: Record<string, string> = {},
  servers = 'kafka-1:9092,kafka-2:9092'
): Promise<Binding> => {
  const model = await loadBindingModel(
    kafkaBpmn({
      processId: 'orders',
      kind: 'start',
      topic: 'orders',
      servers,
      groupId: 'orders-group',
      properties,
    })
  );
  const [binding] = model.bindings;
  if (binding === undefined) {
    throw new Error(`fixture has errors: ${JSON.stringify(model.errors)}`);
  }
  return binding;
};

const scram512 = JSON.stringify({
  'security.protocol': 'SASL_SSL',
  'sasl.mechanism': 'SCRAM-SHA-512',
  'sasl.jaas.config':
    'org.apache.kafka.common.security.scram.ScramLoginModule required username="bob" password="{{secrets.scram/pw}}";',
});

describe('Function: buildLocalKafkaSettings', () => {
  it('uses the BPMN servers, the ESM batch defaults and the starting position', async () => {
    // Prepare
    const binding = await bindingOf();

    // Act
    const settings = buildLocalKafkaSettings(binding, {});

    // Assess
    expect(settings).toMatchObject({
      servers: ['kafka-1:9092', 'kafka-2:9092'],
      serversOverridden: false,
      batchSize: 100,
      batchWindowMs: 500,
      fromBeginning: true,
      // The connector's default client property.
      sessionTimeoutMs: 45_000,
    });
    expect(settings.client.brokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(settings.client).not.toHaveProperty('sasl');
    expect(settings.client).not.toHaveProperty('ssl');
  });

  it('reads batch size and window from max.poll.records and fetch.max.wait.ms', async () => {
    // Prepare
    const binding = await bindingOf({
      additionalProperties:
        '{"max.poll.records": "20000", "fetch.max.wait.ms": "250"}',
    });

    // Act
    const settings = buildLocalKafkaSettings(binding, {});

    // Assess
    expect(settings.batchSize).toBe(10_000);
    expect(settings.batchWindowMs).toBe(250);
  });

  it('replaces the servers with KAFKA_BOOTSTRAP_SERVERS', async () => {
    // Prepare
    const binding = await bindingOf();

    // Act
    const settings = buildLocalKafkaSettings(binding, {
      KAFKA_BOOTSTRAP_SERVERS: ' localhost:19092 , localhost:29092',
    });

    // Assess
    expect(settings.servers).toEqual(['localhost:19092', 'localhost:29092']);
    expect(settings.serversOverridden).toBe(true);
  });

  it('sets up SASL PLAIN over TLS with the password from SECRET_<NAME>', async () => {
    // Prepare
    const binding = await bindingOf({
      'authentication.username': 'alice',
      'authentication.password': '{{secrets.KAFKA_PASSWORD}}',
    });

    // Act
    const settings = buildLocalKafkaSettings(binding, {
      SECRET_KAFKA_PASSWORD: 's3cret',
    });

    // Assess
    expect(settings.client.sasl).toEqual({
      mechanism: 'plain',
      username: 'alice',
      password: 's3cret',
    });
    expect(settings.client.ssl).toBe(true);
  });

  it('sets up SCRAM-SHA-512 from additional properties, with a portable secret variable', async () => {
    // Prepare
    const binding = await bindingOf({ additionalProperties: scram512 });

    // Act
    const settings = buildLocalKafkaSettings(binding, {
      SECRET_SCRAM_PW: 'pw',
    });

    // Assess
    expect(settings.client.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'bob',
      password: 'pw',
    });
  });

  it('names the missing secret variables without showing any value', async () => {
    // Prepare
    const binding = await bindingOf({
      'authentication.username': 'alice',
      'authentication.password': '{{secrets.KAFKA_PASSWORD}}',
    });

    // Act
    const build = () => buildLocalKafkaSettings(binding, {});

    // Assess
    expect(build).toThrow(LocalSecretMissingError);
    expect(build).toThrow(
      'secret KAFKA_PASSWORD not set: export SECRET_KAFKA_PASSWORD before starting'
    );
  });

  it('refuses SASL mechanisms kafkajs cannot do here', async () => {
    // Prepare
    const binding = await bindingOf({
      additionalProperties:
        '{"security.protocol": "SASL_SSL", "sasl.mechanism": "AWS_MSK_IAM"}',
    });

    // Act
    const build = () => buildLocalKafkaSettings(binding, {});

    // Assess
    expect(build).toThrow(LocalKafkaConfigError);
    expect(build).toThrow(/AWS_MSK_IAM is not supported by the local runtime/);
  });
});

describe('Function: secretVariableNames', () => {
  it.each([
    { name: 'KAFKA_PASSWORD', variables: ['SECRET_KAFKA_PASSWORD'] },
    { name: 'scram/pw', variables: ['SECRET_scram/pw', 'SECRET_SCRAM_PW'] },
  ])('looks $name up as $variables', ({ name, variables }) => {
    // Act
    const result = secretVariableNames(name);

    // Assess
    expect(result).toEqual(variables);
  });
});
