import { describe, expect, it } from 'vitest';
import { redactBinding } from '../../lib/binding/index.js';
import type { Binding } from '../../lib/binding/types.js';
import { bindingFactory } from '../support/factories/index.js';

const withCredentials = (
  clientProperties: Record<string, string>,
  password?: string
): Binding => {
  const binding = bindingFactory();
  return {
    ...binding,
    kafka: {
      ...binding.kafka,
      clientProperties,
      authentication: {
        securityProtocol: 'SASL_SSL',
        saslMechanism: 'PLAIN',
        username: 'svc-orders',
        ...(password === undefined ? {} : { password }),
        tls: {
          keystoreKey:
            '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
          keyPassword: '{{secrets.KEY_PASSWORD}}',
          truststoreCertificates: '-----BEGIN CERTIFICATE-----',
        },
      },
    },
  };
};

describe('Function: redactBinding', () => {
  it.each([
    {
      key: 'sasl.jaas.config',
      value:
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="hunter2";',
      shown:
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="***";',
    },
    {
      key: 'sasl.jaas.config',
      value:
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="svc" password="{{secrets.KAFKA_PASSWORD}}";',
      shown:
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="svc" password="{{secrets.KAFKA_PASSWORD}}";',
    },
    {
      key: 'sasl.jaas.config',
      value:
        "org.apache.kafka.common.security.plain.PlainLoginModule   required username='svc'   password='it' s; a \"secret\"';",
      shown:
        "org.apache.kafka.common.security.plain.PlainLoginModule   required username='svc'   password='***';",
    },
    {
      key: 'sasl.jaas.config',
      value:
        "org.apache.kafka.common.security.plain.PlainLoginModule   required username='svc'   password='{{secrets.KAFKA_PASSWORD}}';",
      shown:
        "org.apache.kafka.common.security.plain.PlainLoginModule   required username='svc'   password='{{secrets.KAFKA_PASSWORD}}';",
    },
    {
      key: 'sasl.jaas.config',
      value:
        "org.apache.kafka.common.security.scram.ScramLoginModule required username='svc' password='pa'ss';",
      shown:
        "org.apache.kafka.common.security.scram.ScramLoginModule required username='svc' password='***';",
    },
    { key: 'ssl.key.password', value: 'p@ss', shown: '***' },
    { key: 'ssl.keystore.key', value: '-----BEGIN', shown: '***' },
    {
      key: 'basic.auth.user.info',
      value: 'user:{{secrets.SR}}',
      shown: '***',
    },
    {
      key: 'ssl.truststore.password',
      value: 'secrets.TRUSTSTORE',
      shown: 'secrets.TRUSTSTORE',
    },
    { key: 'bootstrap.servers', value: 'b1:9092', shown: 'b1:9092' },
    { key: 'key.deserializer', value: 'String', shown: 'String' },
    { key: 'ssl.keystore.passphrase', value: 'pp-1', shown: '***' },
    { key: 'custom.passphrase', value: 'pp-2', shown: '***' },
    {
      key: 'sasl.jaas.config',
      value:
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="password=" password="real-pw";',
      shown:
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="password=" password="***";',
    },
    {
      key: 'sasl.jaas.config',
      value:
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="c" clientSecret="cs-1";',
      shown:
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="c" clientSecret="***";',
    },
    {
      key: 'schema.registry.url',
      value: 'https://KEY:SECRET@registry:8081',
      shown: 'https://KEY:***@registry:8081',
    },
    {
      key: 'bootstrap.servers',
      value: 'SASL_SSL://u:pw@b1:9092',
      shown: 'SASL_SSL://u:***@b1:9092',
    },
  ])('shows $key as $shown', ({ key, value, shown }) => {
    // Prepare
    const binding = withCredentials({ [key]: value });

    // Act
    const redacted = redactBinding(binding);

    // Assess
    expect(redacted.kafka.clientProperties[key]).toBe(shown);
  });

  it('masks literal credentials of the authentication and keeps references', () => {
    // Prepare
    const binding = withCredentials({}, 'hunter2');

    // Act
    const redacted = redactBinding(binding);

    // Assess
    expect(redacted.kafka.authentication).toMatchObject({
      username: 'svc-orders',
      password: '***',
      tls: {
        keystoreKey: '***',
        keyPassword: '{{secrets.KEY_PASSWORD}}',
        truststoreCertificates: '-----BEGIN CERTIFICATE-----',
      },
    });
    expect(JSON.stringify(redacted)).not.toContain('hunter2');
    expect(JSON.stringify(redacted)).not.toContain('MIIE');
  });

  it('keeps id, revision and the original binding unchanged', () => {
    // Prepare
    const binding = withCredentials({ 'ssl.key.password': 'p@ss' }, 'hunter2');

    // Act
    const redacted = redactBinding(binding);

    // Assess
    expect(redacted.id).toBe(binding.id);
    expect(redacted.revision).toBe(binding.revision);
    expect(binding.kafka.authentication.password).toBe('hunter2');
    expect(binding.kafka.clientProperties['ssl.key.password']).toBe('p@ss');
  });
  it('masks the password of a registry URL and registry user info, keeps the credentials source', () => {
    // Prepare
    const binding = bindingFactory();
    const url = 'https://reader:pa55word@registry.example.com:8081';
    const withRegistry: Binding = {
      ...binding,
      kafka: {
        ...binding.kafka,
        schema: {
          type: 'schemaRegistry',
          schemaType: 'avro',
          schemaRegistryUrl: url,
        },
        clientProperties: {
          'schema.registry.url': url,
          'basic.auth.credentials.source': 'USER_INFO',
          'basic.auth.user.info': 'reader:pa55word',
        },
      },
    };

    // Act
    const shown = redactBinding(withRegistry);

    // Assess
    expect(JSON.stringify(shown)).not.toContain('pa55word');
    expect(shown.kafka.schema).toEqual({
      type: 'schemaRegistry',
      schemaType: 'avro',
      schemaRegistryUrl: 'https://reader:***@registry.example.com:8081',
    });
    expect(shown.kafka.clientProperties).toEqual({
      'schema.registry.url': 'https://reader:***@registry.example.com:8081',
      'basic.auth.credentials.source': 'USER_INFO',
      'basic.auth.user.info': '***',
    });
  });

  it('masks the password in the user info of the schema registry URL and of bootstrap servers', () => {
    // Prepare
    const binding = bindingFactory();
    const withUserInfo: Binding = {
      ...binding,
      kafka: {
        ...binding.kafka,
        bootstrapServers: ['SASL_SSL://app:pw-3@b1:9092'],
        schema: {
          type: 'schemaRegistry',
          schemaType: 'avro',
          schemaRegistryUrl: 'https://KEY:SECRET@registry:8081/x',
        },
      },
    };

    // Act
    const redacted = redactBinding(withUserInfo);

    // Assess
    expect(redacted.kafka.bootstrapServers).toEqual([
      'SASL_SSL://app:***@b1:9092',
    ]);
    expect(redacted.kafka.schema).toEqual({
      type: 'schemaRegistry',
      schemaType: 'avro',
      schemaRegistryUrl: 'https://KEY:***@registry:8081/x',
    });
  });
});
