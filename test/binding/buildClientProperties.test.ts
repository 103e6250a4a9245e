import { describe, expect, it } from 'vitest';
import {
  buildClientProperties,
  type ClientPropertiesInput,
} from '../../lib/binding/buildClientProperties.js';

const input = (
  overrides: Partial<ClientPropertiesInput> = {}
): ClientPropertiesInput => ({
  elementId: 'Kafka_1',
  processId: 'order-process',
  bootstrapServers: ['b1:9092', 'b2:9092'],
  additionalProperties: {},
  autoOffsetReset: 'latest',
  schema: { type: 'noSchema' },
  ...overrides,
});

const PLAIN_JAAS =
  'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="{{secrets.KAFKA_PASSWORD}}";';
// KafkaPropertiesUtil.SASL_JAAS_CONFIG_VALUE, character for character.
const CAMUNDA_JAAS =
  "org.apache.kafka.common.security.plain.PlainLoginModule   required username='alice'   password='{{secrets.KAFKA_PASSWORD}}';";

describe('Function: buildClientProperties', () => {
  it("returns the BPMN settings, Camunda's defaults and forced properties when nothing else is set", () => {
    // Act
    const result = buildClientProperties(input());

    // Assess
    expect(result.clientProperties).toEqual({
      'bootstrap.servers': 'b1:9092,b2:9092',
      'session.timeout.ms': '45000',
      'client.dns.lookup': 'use_all_dns_ips',
      acks: 'all',
      'delivery.timeout.ms': '45000',
      'max.block.ms': '60000',
      'linger.ms': '0',
      'request.timeout.ms': '30000',
      'heartbeat.interval.ms': '3000',
      'default.api.timeout.ms': '60000',
      'group.id': 'kafka-inbound-connector-order-process',
      'auto.offset.reset': 'latest',
      'enable.auto.commit': 'false',
      'retention.ms': '-1',
      'key.deserializer':
        'org.apache.kafka.common.serialization.StringDeserializer',
      'value.deserializer':
        'org.apache.kafka.common.serialization.StringDeserializer',
    });
    expect(result.bootstrapServers).toEqual(['b1:9092', 'b2:9092']);
    expect(result.groupIdSource).toBe('default');
    expect(result.authentication).toEqual({
      securityProtocol: 'PLAINTEXT',
      source: 'none',
    });
    expect(result.errors).toEqual([]);
  });

  it('derives SASL_SSL with PLAIN when username and password are both set', () => {
    // Act
    const result = buildClientProperties(
      input({ username: 'alice', password: '{{secrets.KAFKA_PASSWORD}}' })
    );

    // Assess
    expect(result.clientProperties).toMatchObject({
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'PLAIN',
      'sasl.jaas.config': CAMUNDA_JAAS,
    });
    expect(result.authentication).toEqual({
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'PLAIN',
      source: 'credentials',
      jaasLoginModule:
        'org.apache.kafka.common.security.plain.PlainLoginModule',
      username: 'alice',
      password: '{{secrets.KAFKA_PASSWORD}}',
    });
  });

  it.each([
    {
      username: 'alice',
      password: undefined,
      missing: 'authentication.password',
    },
    { username: undefined, password: 'pw', missing: 'authentication.username' },
  ])(
    'reports $missing when only one of the pair is set',
    ({ username, password, missing }) => {
      // Act
      const result = buildClientProperties(
        input({
          ...(username ? { username } : {}),
          ...(password ? { password } : {}),
        })
      );

      // Assess
      expect(result.errors).toEqual([
        expect.objectContaining({ elementId: 'Kafka_1', property: missing }),
      ]);
      expect(result.clientProperties['security.protocol']).toBeUndefined();
    }
  );

  it.each<{
    case: string;
    overrides: Partial<ClientPropertiesInput>;
    key: string;
    value: string;
  }>([
    {
      case: 'additional properties override defaults',
      overrides: { additionalProperties: { 'session.timeout.ms': '10000' } },
      key: 'session.timeout.ms',
      value: '10000',
    },
    {
      case: 'additional properties override bootstrap servers',
      overrides: { additionalProperties: { 'bootstrap.servers': 'x:1' } },
      key: 'bootstrap.servers',
      value: 'x:1',
    },
    {
      case: 'additional properties override the credentials protocol',
      overrides: {
        username: 'alice',
        password: 'pw',
        additionalProperties: { 'security.protocol': 'SASL_PLAINTEXT' },
      },
      key: 'security.protocol',
      value: 'SASL_PLAINTEXT',
    },
    {
      case: 'enable.auto.commit is always false',
      overrides: { additionalProperties: { 'enable.auto.commit': 'true' } },
      key: 'enable.auto.commit',
      value: 'false',
    },
    {
      case: 'auto.offset.reset always follows autoOffsetReset',
      overrides: {
        autoOffsetReset: 'earliest' as const,
        additionalProperties: { 'auto.offset.reset': 'latest' },
      },
      key: 'auto.offset.reset',
      value: 'earliest',
    },
    {
      case: 'group.id in additional properties beats groupId',
      overrides: {
        groupId: 'from-template',
        additionalProperties: { 'group.id': 'from-additional' },
      },
      key: 'group.id',
      value: 'from-additional',
    },
    {
      case: 'groupId beats the default',
      overrides: { groupId: 'from-template' },
      key: 'group.id',
      value: 'from-template',
    },
    {
      case: 'inline Avro reads bytes',
      overrides: { schema: { type: 'inlineSchema' as const, schema: '{}' } },
      key: 'value.deserializer',
      value: 'org.apache.kafka.common.serialization.ByteArrayDeserializer',
    },
    {
      case: 'a schema registry sets its URL',
      overrides: {
        schema: {
          type: 'schemaRegistry' as const,
          schemaType: 'json' as const,
          schemaRegistryUrl: 'http://r:8081',
        },
      },
      key: 'schema.registry.url',
      value: 'http://r:8081',
    },
  ])('applies the precedence: $case', ({ overrides, key, value }) => {
    // Act
    const result = buildClientProperties(input(overrides));

    // Assess
    expect(result.clientProperties[key]).toBe(value);
  });

  it.each<{
    additional: Record<string, string>;
    groupId: string | undefined;
    source: string;
  }>([
    { additional: {}, groupId: undefined, source: 'default' },
    { additional: {}, groupId: 'g', source: 'groupId' },
    {
      additional: { 'group.id': 'a' },
      groupId: undefined,
      source: 'additionalProperties',
    },
    {
      additional: { 'group.id': 'a' },
      groupId: 'g',
      source: 'additionalProperties',
    },
  ])('records group id source $source', ({ additional, groupId, source }) => {
    // Act
    const result = buildClientProperties(
      input({
        additionalProperties: additional,
        ...(groupId ? { groupId } : {}),
      })
    );

    // Assess
    expect(result.groupIdSource).toBe(source);
    expect(result.groupId).toBe(result.clientProperties['group.id']);
  });

  it('warns when additional properties try to change what the connector forces', () => {
    // Act
    const result = buildClientProperties(
      input({ additionalProperties: { 'enable.auto.commit': 'true' } })
    );

    // Assess
    expect(result.warnings).toEqual([
      expect.objectContaining({
        property: 'additionalProperties',
        message: expect.stringContaining('enable.auto.commit=true is ignored'),
      }),
    ]);
  });

  it.each([
    {
      mechanism: 'SCRAM-SHA-512',
      jaas: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="bob" password="{{secrets.SCRAM}}";',
      username: 'bob',
      password: '{{secrets.SCRAM}}',
    },
    {
      mechanism: 'SCRAM-SHA-256',
      jaas: 'org.apache.kafka.common.security.scram.ScramLoginModule required username=bob password="p\\"w";',
      username: 'bob',
      password: 'p"w',
    },
    {
      mechanism: 'PLAIN',
      jaas: PLAIN_JAAS,
      username: 'alice',
      password: '{{secrets.KAFKA_PASSWORD}}',
    },
  ])(
    'reads $mechanism credentials from sasl.jaas.config',
    ({ mechanism, jaas, username, password }) => {
      // Act
      const result = buildClientProperties(
        input({
          additionalProperties: {
            'security.protocol': 'SASL_SSL',
            'sasl.mechanism': mechanism,
            'sasl.jaas.config': jaas,
          },
        })
      );

      // Assess
      expect(result.errors).toEqual([]);
      expect(result.authentication).toMatchObject({
        securityProtocol: 'SASL_SSL',
        saslMechanism: mechanism,
        source: 'additionalProperties',
        username,
        password,
      });
    }
  );

  it("takes SCRAM credentials from the fields, not from Camunda's unescaped JAAS line", () => {
    // Act
    const result = buildClientProperties(
      input({
        username: "o'brien",
        password: "pa'ss word",
        additionalProperties: { 'sasl.mechanism': 'SCRAM-SHA-512' },
      })
    );

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.authentication).toMatchObject({
      saslMechanism: 'SCRAM-SHA-512',
      source: 'additionalProperties',
      username: "o'brien",
      password: "pa'ss word",
    });
  });

  it('reads AWS_MSK_IAM without credentials', () => {
    // Act
    const result = buildClientProperties(
      input({
        additionalProperties: {
          'security.protocol': 'SASL_SSL',
          'sasl.mechanism': 'AWS_MSK_IAM',
          'sasl.jaas.config':
            'software.amazon.msk.auth.iam.IAMLoginModule required;',
        },
      })
    );

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.authentication).toEqual({
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'AWS_MSK_IAM',
      source: 'additionalProperties',
      jaasLoginModule: 'software.amazon.msk.auth.iam.IAMLoginModule',
    });
  });

  it('collects PEM TLS material for SSL', () => {
    // Act
    const result = buildClientProperties(
      input({
        additionalProperties: {
          'security.protocol': 'SSL',
          'ssl.truststore.type': 'PEM',
          'ssl.truststore.certificates': '{{secrets.CA_PEM}}',
          'ssl.keystore.type': 'PEM',
          'ssl.keystore.certificate.chain':
            '-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----',
          'ssl.keystore.key': '{{secrets.CLIENT_KEY}}',
          'ssl.key.password': '{{secrets.KEY_PASSWORD}}',
        },
      })
    );

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.authentication.tls).toEqual({
      truststoreCertificates: '{{secrets.CA_PEM}}',
      keystoreCertificateChain:
        '-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----',
      keystoreKey: '{{secrets.CLIENT_KEY}}',
      keyPassword: '{{secrets.KEY_PASSWORD}}',
    });
    expect(result.clientProperties['ssl.keystore.key']).toBe(
      '{{secrets.CLIENT_KEY}}'
    );
  });

  it.each<{ case: string; extra: Record<string, string>; message: string }>([
    {
      case: 'an unknown protocol',
      extra: { 'security.protocol': 'TLS' },
      message: 'security.protocol "TLS"',
    },
    {
      case: 'an unknown mechanism',
      extra: { 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'GSSAPI' },
      message: 'sasl.mechanism "GSSAPI" is not supported',
    },
    {
      case: 'SCRAM without a JAAS line',
      extra: {
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
      },
      message: 'needs credentials',
    },
    {
      case: 'a JAAS line that is one secret',
      extra: {
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'PLAIN',
        'sasl.jaas.config': '{{secrets.JAAS}}',
      },
      message: 'one secret reference as a whole',
    },
    {
      case: 'a JAAS line without password',
      extra: {
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'PLAIN',
        'sasl.jaas.config':
          'org.apache.kafka.common.security.plain.PlainLoginModule required username="a";',
      },
      message: 'must set both username and password',
    },
  ])('reports $case', ({ extra, message }) => {
    // Act
    const result = buildClientProperties(
      input({ additionalProperties: extra })
    );

    // Assess
    expect(result.errors).toEqual([
      expect.objectContaining({
        elementId: 'Kafka_1',
        property: 'additionalProperties',
        message: expect.stringContaining(message),
      }),
    ]);
  });

  it('never puts a secret value into a message', () => {
    // Act
    const result = buildClientProperties(
      input({
        additionalProperties: {
          'security.protocol': 'SASL_SSL',
          'sasl.mechanism': 'SCRAM-SHA-512',
          'sasl.jaas.config':
            'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2";',
        },
      })
    );

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.authentication.password).toBe('hunter2');
    expect(
      JSON.stringify([...result.errors, ...result.warnings])
    ).not.toContain('hunter2');
  });
});
