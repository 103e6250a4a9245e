import { describe, expect, it } from 'vitest';
import {
  assertPlatformSettings,
  buildEsmPlan,
  classifyClientProperties,
  EsmPlatformSettingsError,
} from '../../lib/esm/index.js';
import {
  CONSUMER_ARN,
  deployedFactory,
  esmBindingFactory,
  MSK_ARN,
  MSK_BROKER,
  platformFactory,
} from '../support/factories/index.js';

const SASL_SSL = { securityProtocol: 'SASL_SSL' } as const;
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';

describe('Function: buildEsmPlan', () => {
  it('returns the self-managed request with topic, group, alias and tags', () => {
    // Prepare
    const deployed = deployedFactory(esmBindingFactory());

    // Act
    const plan = buildEsmPlan(deployed, platformFactory());

    // Assess
    expect(plan.bindingId).toBe('order-process-kafka-start');
    expect(plan.aliasName).toBe('order-process-kafka-start');
    expect(plan.errors).toEqual([]);
    expect(plan.eventSource).toEqual({
      kind: 'selfManaged',
      unknownMskHosts: false,
    });
    expect(plan.request).toMatchObject({
      FunctionName: `${CONSUMER_ARN}:order-process-kafka-start`,
      SelfManagedEventSource: {
        Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['broker-1.example.com:9093'] },
      },
      SelfManagedKafkaEventSourceConfig: {
        ConsumerGroupId: 'kafka-inbound-order-process',
      },
      Topics: ['orders'],
      StartingPosition: 'LATEST',
      Enabled: true,
      Tags: {
        'kafka-inbound:process-id': 'order-process',
        'kafka-inbound:binding-id': 'order-process-kafka-start',
        'kafka-inbound:revision': 'r1a2b3c4',
      },
    });
    expect(plan.request.EventSourceArn).toBeUndefined();
    expect(plan.request.AmazonManagedKafkaEventSourceConfig).toBeUndefined();
  });

  it.each([
    {
      reset: 'earliest',
      offsets: undefined,
      position: 'TRIM_HORIZON',
      warn: undefined,
    },
    {
      reset: 'latest',
      offsets: undefined,
      position: 'LATEST',
      warn: undefined,
    },
    {
      reset: 'none',
      offsets: undefined,
      position: 'TRIM_HORIZON',
      warn: 'autoOffsetReset',
    },
    {
      reset: 'latest',
      offsets: [10, null, 3],
      position: 'TRIM_HORIZON',
      warn: 'topic.offsets',
    },
    {
      reset: 'latest',
      offsets: [null, null],
      position: 'LATEST',
      warn: undefined,
    },
  ] as const)(
    'maps auto.offset.reset=$reset with offsets $offsets to $position',
    ({ reset, offsets, position, warn }) => {
      // Prepare
      const binding = esmBindingFactory({
        autoOffsetReset: reset,
        ...(offsets === undefined ? {} : { offsets }),
        authentication: { ...SASL_SSL, username: 'u', password: 'p' },
      });

      // Act
      const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

      // Assess
      expect(plan.request.StartingPosition).toBe(position);
      const properties = plan.warnings.map((warning) => warning.property);
      if (warn === undefined) {
        expect(properties).toEqual([]);
      } else {
        expect(properties).toEqual([warn]);
      }
    }
  );

  it.each([
    {
      name: 'SASL/PLAIN',
      mechanism: 'PLAIN',
      type: 'BASIC_AUTH',
      secretName: 'kafka-inbound/order-process-kafka-start/basic_auth',
    },
    {
      name: 'SCRAM-SHA-256',
      mechanism: 'SCRAM-SHA-256',
      type: 'SASL_SCRAM_256_AUTH',
      secretName: 'kafka-inbound/order-process-kafka-start/sasl_scram_256_auth',
    },
    {
      name: 'SCRAM-SHA-512',
      mechanism: 'SCRAM-SHA-512',
      type: 'SASL_SCRAM_512_AUTH',
      secretName: 'kafka-inbound/order-process-kafka-start/sasl_scram_512_auth',
    },
  ] as const)(
    'puts $name credentials in a $type secret referenced by placeholder',
    ({ mechanism, type, secretName }) => {
      // Prepare
      const binding = esmBindingFactory({
        authentication: {
          ...SASL_SSL,
          saslMechanism: mechanism,
          username: 'svc-orders',
          password: '{{secrets.KAFKA_PASSWORD}}',
        },
      });

      // Act
      const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

      // Assess
      expect(plan.errors).toEqual([]);
      expect(plan.request.SourceAccessConfigurations).toEqual([
        { Type: type, URI: `secret:${secretName}` },
      ]);
      expect(plan.secrets).toEqual([
        {
          name: secretName,
          accessType: type,
          fields: {
            username: 'svc-orders',
            password: '{{secrets.KAFKA_PASSWORD}}',
          },
        },
      ]);
    }
  );

  it('reads SASL credentials from sasl.jaas.config when the fields are empty', () => {
    // Prepare
    const binding = esmBindingFactory({
      authentication: SASL_SSL,
      clientProperties: {
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
        'sasl.jaas.config':
          'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="{{secrets.ALICE}}";',
      },
    });

    // Act
    const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

    // Assess
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.secrets[0]).toMatchObject({
      accessType: 'SASL_SCRAM_512_AUTH',
      fields: { username: 'alice', password: '{{secrets.ALICE}}' },
    });
  });

  it('maps a PEM keystore to CLIENT_CERTIFICATE_TLS_AUTH and a PEM truststore to SERVER_ROOT_CA_CERTIFICATE', () => {
    // Prepare
    const binding = esmBindingFactory({
      authentication: { securityProtocol: 'SSL' },
      clientProperties: {
        'security.protocol': 'SSL',
        'ssl.keystore.type': 'PEM',
        'ssl.keystore.certificate.chain': CERT,
        'ssl.keystore.key': KEY,
        'ssl.key.password': '{{secrets.KEY_PASSWORD}}',
        'ssl.truststore.type': 'PEM',
        'ssl.truststore.certificates': CERT,
      },
    });

    // Act
    const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

    // Assess
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.request.SourceAccessConfigurations).toEqual([
      {
        Type: 'CLIENT_CERTIFICATE_TLS_AUTH',
        URI: 'secret:kafka-inbound/order-process-kafka-start/client_certificate_tls_auth',
      },
      {
        Type: 'SERVER_ROOT_CA_CERTIFICATE',
        URI: 'secret:kafka-inbound/order-process-kafka-start/server_root_ca_certificate',
      },
    ]);
    expect(plan.secrets.map((secret) => secret.fields)).toEqual([
      {
        certificate: CERT,
        privateKey: KEY,
        privateKeyPassword: '{{secrets.KEY_PASSWORD}}',
      },
      { certificate: CERT },
    ]);
  });

  it('uses the MSK cluster ARN when a bootstrap host belongs to a known cluster', () => {
    // Prepare: the binding names the IAM port, the platform knows the SCRAM port.
    const binding = esmBindingFactory({
      bootstrapServers: [`${MSK_BROKER}:9098`],
      authentication: { ...SASL_SSL, saslMechanism: 'AWS_MSK_IAM' },
      clientProperties: {
        'sasl.client.callback.handler.class':
          'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
      },
    });

    // Act
    const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

    // Assess
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.eventSource).toEqual({ kind: 'msk', clusterArn: MSK_ARN });
    expect(plan.request.EventSourceArn).toBe(MSK_ARN);
    expect(plan.request.AmazonManagedKafkaEventSourceConfig).toEqual({
      ConsumerGroupId: 'kafka-inbound-order-process',
    });
    expect(plan.request.SelfManagedEventSource).toBeUndefined();
    expect(plan.request.SourceAccessConfigurations).toBeUndefined();
    expect(plan.secrets).toEqual([]);
  });

  it('names MSK SCRAM secrets AmazonMSK_… and records the cluster to associate', () => {
    // Prepare
    const binding = esmBindingFactory({
      bootstrapServers: [`${MSK_BROKER}:9096`],
      authentication: {
        ...SASL_SSL,
        saslMechanism: 'SCRAM-SHA-512',
        username: 'u',
        password: 'p',
      },
    });

    // Act
    const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

    // Assess
    expect(plan.secrets).toEqual([
      {
        name: 'AmazonMSK_kafka-inbound/order-process-kafka-start/sasl_scram_512_auth',
        accessType: 'SASL_SCRAM_512_AUTH',
        fields: { username: 'u', password: 'p' },
        mskScramClusterArn: MSK_ARN,
      },
    ]);
  });

  it.each([
    { region: 'eu-west-1', warnings: 1 },
    { region: 'us-east-1', warnings: 2 },
  ])(
    'falls back to self-managed with $warnings warning(s) for an unknown MSK cluster in $region',
    ({ region, warnings }) => {
      // Prepare
      const binding = esmBindingFactory({
        bootstrapServers: [
          `b-1.other.xyz.c3.kafka.${region}.amazonaws.com:9094`,
        ],
        authentication: { securityProtocol: 'SSL' },
      });

      // Act
      const plan = buildEsmPlan(
        deployedFactory(binding),
        platformFactory({
          vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
        })
      );

      // Assess
      expect(plan.eventSource).toEqual({
        kind: 'selfManaged',
        unknownMskHosts: true,
      });
      expect(plan.request.SelfManagedEventSource).toBeDefined();
      expect(plan.warnings).toHaveLength(warnings);
      expect(plan.warnings[0]?.property).toBe('topic.bootstrapServers');
    }
  );

  it.each([
    {
      name: 'AWS_MSK_IAM on self-managed servers',
      kafka: { authentication: { ...SASL_SSL, saslMechanism: 'AWS_MSK_IAM' } },
      property: 'sasl.mechanism',
    },
    {
      name: 'OAUTHBEARER',
      kafka: { authentication: { ...SASL_SSL, saslMechanism: 'OAUTHBEARER' } },
      property: 'sasl.mechanism',
    },
    {
      name: 'SASL/PLAIN on MSK',
      kafka: {
        bootstrapServers: [`${MSK_BROKER}:9096`],
        authentication: {
          ...SASL_SSL,
          saslMechanism: 'PLAIN',
          username: 'u',
          password: 'p',
        },
      },
      property: 'sasl.mechanism',
    },
    {
      name: 'SCRAM-SHA-256 on MSK',
      kafka: {
        bootstrapServers: [`${MSK_BROKER}:9096`],
        authentication: {
          ...SASL_SSL,
          saslMechanism: 'SCRAM-SHA-256',
          username: 'u',
          password: 'p',
        },
      },
      property: 'sasl.mechanism',
    },
    {
      name: 'SASL without a password',
      kafka: {
        authentication: { ...SASL_SSL, saslMechanism: 'PLAIN', username: 'u' },
      },
      property: 'authentication.username',
    },
    {
      name: 'a PEM keystore without its key',
      kafka: {
        authentication: { securityProtocol: 'SSL' },
        clientProperties: {
          'ssl.keystore.type': 'PEM',
          'ssl.keystore.certificate.chain': CERT,
        },
      },
      property: 'ssl.keystore.key',
    },
    {
      name: 'a consumer group id the ESM rejects',
      kafka: { groupId: 'x'.repeat(201) },
      property: 'groupId',
    },
    {
      name: 'a server without a port',
      kafka: { bootstrapServers: ['broker-1.example.com'] },
      property: 'topic.bootstrapServers',
    },
  ] as const)(
    'returns an error naming $property for $name',
    ({ kafka, property }) => {
      // Prepare
      const binding = esmBindingFactory(kafka);

      // Act
      const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

      // Assess
      expect(plan.errors?.map((error) => error.property)).toContain(property);
    }
  );

  it('returns an error when the binding id is not a valid alias name', () => {
    // Prepare
    const binding = esmBindingFactory({}, { id: 'order process!' });

    // Act
    const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

    // Assess
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors?.[0]?.message).toContain('alias name');
  });

  it('returns an error when the binding and the platform disagree on the ESM mode', () => {
    // Prepare
    const deployed = deployedFactory(esmBindingFactory(), {
      esmMode: 'provisioned',
    });

    // Act
    const plan = buildEsmPlan(
      deployed,
      platformFactory({ esmMode: 'onDemand' })
    );

    // Assess
    expect(plan.errors?.[0]?.message).toContain('provisioned mode');
  });

  it.each<{
    props: Record<string, string>;
    batch: number | undefined;
    window: number | undefined;
    warned: string[];
  }>([
    {
      props: { 'max.poll.records': '500' },
      batch: 500,
      window: undefined,
      warned: [],
    },
    {
      props: { 'max.poll.records': '20000' },
      batch: 10_000,
      window: undefined,
      warned: ['max.poll.records'],
    },
    {
      props: { 'max.poll.records': '0' },
      batch: 1,
      window: undefined,
      warned: ['max.poll.records'],
    },
    {
      props: { 'max.poll.records': 'many' },
      batch: undefined,
      window: undefined,
      warned: ['max.poll.records'],
    },
    {
      props: { 'fetch.max.wait.ms': '2000' },
      batch: undefined,
      window: 2,
      warned: [],
    },
    {
      props: { 'fetch.max.wait.ms': '0' },
      batch: undefined,
      window: 0,
      warned: [],
    },
    {
      props: { 'fetch.max.wait.ms': '500' },
      batch: undefined,
      window: undefined,
      warned: [],
    },
    {
      props: { 'fetch.max.wait.ms': '1500' },
      batch: undefined,
      window: 2,
      warned: ['fetch.max.wait.ms'],
    },
    {
      props: { 'fetch.max.wait.ms': '900000' },
      batch: undefined,
      window: 300,
      warned: ['fetch.max.wait.ms'],
    },
  ])(
    'maps $props to BatchSize $batch and window $window',
    ({ props, batch, window, warned }) => {
      // Prepare
      const binding = esmBindingFactory({ clientProperties: props });

      // Act
      const plan = buildEsmPlan(
        deployedFactory(binding),
        platformFactory({
          vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
        })
      );

      // Assess
      expect(plan.request.BatchSize).toBe(batch);
      expect(plan.request.MaximumBatchingWindowInSeconds).toBe(window);
      expect(plan.warnings.map((warning) => warning.property)).toEqual(warned);
    }
  );

  it('warns about every client property the ESM cannot honour, naming it', () => {
    // Prepare
    const binding = esmBindingFactory({
      clientProperties: {
        'client.id': 'orders',
        'isolation.level': 'read_committed',
        'ssl.keystore.location': '/etc/kafka/keystore.jks',
        'session.timeout.ms': '10000',
        'made.up.property': 'x',
        // Connector defaults and mapped or irrelevant properties: no warning.
        'heartbeat.interval.ms': '3000',
        'enable.auto.commit': 'false',
        'key.deserializer':
          'org.apache.kafka.common.serialization.StringDeserializer',
        'bootstrap.servers': 'broker-1.example.com:9093',
        'group.id': 'kafka-inbound-order-process',
        'auto.offset.reset': 'latest',
        acks: 'all',
      },
    });

    // Act
    const plan = buildEsmPlan(
      deployedFactory(binding),
      platformFactory({
        vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
      })
    );

    // Assess
    expect(plan.warnings.map((warning) => warning.property).sort()).toEqual([
      'client.id',
      'isolation.level',
      'made.up.property',
      'session.timeout.ms',
      'ssl.keystore.location',
    ]);
    for (const warning of plan.warnings) {
      expect(warning.message).toContain(`"${warning.property}"`);
    }
  });

  it('warns that SASL_PLAINTEXT is not honoured', () => {
    // Prepare
    const binding = esmBindingFactory({
      authentication: {
        securityProtocol: 'SASL_PLAINTEXT',
        saslMechanism: 'PLAIN',
        username: 'u',
        password: 'p',
      },
    });

    // Act
    const plan = buildEsmPlan(deployedFactory(binding), platformFactory());

    // Assess
    expect(plan.warnings.map((warning) => warning.property)).toEqual([
      'security.protocol',
    ]);
    expect(plan.request.SourceAccessConfigurations?.[0]?.Type).toBe(
      'BASIC_AUTH'
    );
  });

  it('warns when self-managed brokers have neither authentication nor a VPC', () => {
    // Act
    const plan = buildEsmPlan(deployedFactory(), platformFactory());

    // Assess
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]?.message).toContain('VPC');
  });

  it('adds the platform VPC to self-managed ESMs in the documented prefixed form', () => {
    // Prepare
    const vpc = {
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupIds: ['sg-1'],
    };

    // Act
    const selfManaged = buildEsmPlan(
      deployedFactory(),
      platformFactory({ vpc })
    );
    const msk = buildEsmPlan(
      deployedFactory(
        esmBindingFactory({ bootstrapServers: [`${MSK_BROKER}:9094`] })
      ),
      platformFactory({ vpc })
    );

    // Assess
    expect(selfManaged.warnings).toEqual([]);
    expect(selfManaged.request.SourceAccessConfigurations).toEqual([
      { Type: 'VPC_SUBNET', URI: 'subnet:subnet-a' },
      { Type: 'VPC_SUBNET', URI: 'subnet:subnet-b' },
      { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-1' },
    ]);
    expect(msk.request.SourceAccessConfigurations).toBeUndefined();
  });

  it('sets the provisioned-mode fields by default', () => {
    // Prepare
    const platform = platformFactory({
      provisionedPollers: {
        minimumPollers: 2,
        maximumPollers: 4,
        pollerGroupName: 'kafka-inbound',
      },
      maximumRetryAttempts: 5,
      maximumRecordAgeInSeconds: 3600,
      onFailureDestination: 'arn:aws:sqs:eu-west-1:111122223333:dlq',
      esmMetrics: ['EventCount', 'KafkaMetrics'],
      esmLogLevel: 'INFO',
    });

    // Act
    const plan = buildEsmPlan(deployedFactory(), platform);

    // Assess
    expect(plan.request).toMatchObject({
      ProvisionedPollerConfig: {
        MinimumPollers: 2,
        MaximumPollers: 4,
        PollerGroupName: 'kafka-inbound',
      },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      DestinationConfig: {
        OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:111122223333:dlq' },
      },
      MetricsConfig: { Metrics: ['EventCount', 'KafkaMetrics'] },
      LoggingConfig: { SystemLogLevel: 'INFO' },
    });
  });

  it('defaults the pollers to 1–200 in provisioned mode', () => {
    // Act
    const plan = buildEsmPlan(deployedFactory(), platformFactory());

    // Assess
    expect(plan.request.ProvisionedPollerConfig).toEqual({
      MinimumPollers: 1,
      MaximumPollers: 200,
    });
  });

  it.each([
    {
      destination: 'arn:aws:sqs:eu-west-1:111122223333:dlq',
      kept: true,
      warned: [],
    },
    {
      destination: 'kafka://orders-dlt',
      kept: false,
      warned: ['onFailureDestination'],
    },
  ])(
    'sets no provisioned-only field in on-demand mode (destination $destination)',
    ({ destination, kept, warned }) => {
      // Prepare
      const platform = platformFactory({
        esmMode: 'onDemand',
        onFailureDestination: destination,
        esmMetrics: ['KafkaMetrics'],
        vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
      });

      // Act
      const plan = buildEsmPlan(
        deployedFactory(esmBindingFactory(), { esmMode: 'onDemand' }),
        platform
      );

      // Assess
      expect(plan.errors).toEqual([]);
      for (const field of [
        'ProvisionedPollerConfig',
        'FunctionResponseTypes',
        'MaximumRetryAttempts',
        'MaximumRecordAgeInSeconds',
        'MetricsConfig',
        'LoggingConfig',
      ] as const) {
        expect(plan.request[field]).toBeUndefined();
      }
      expect(plan.request.DestinationConfig !== undefined).toBe(kept);
      expect(plan.warnings.map((warning) => warning.property)).toEqual(warned);
    }
  );

  it('uses only the first 10 bootstrap servers, with a warning', () => {
    // Prepare
    const servers = Array.from(
      { length: 12 },
      (_, i) => `b${i}.example.com:9092`
    );
    const binding = esmBindingFactory({ bootstrapServers: servers });

    // Act
    const plan = buildEsmPlan(
      deployedFactory(binding),
      platformFactory({
        vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
      })
    );

    // Assess
    expect(
      plan.request.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS
    ).toEqual(servers.slice(0, 10));
    expect(plan.warnings.map((warning) => warning.property)).toEqual([
      'topic.bootstrapServers',
    ]);
  });
});

describe('Function: assertPlatformSettings', () => {
  it.each([
    {
      setting: 'maximumRetryAttempts',
      overrides: { maximumRetryAttempts: 10_001 },
    },
    {
      setting: 'maximumRecordAgeInSeconds',
      overrides: { maximumRecordAgeInSeconds: 30 },
    },
    { setting: 'consumerFunctionArn', overrides: { consumerFunctionArn: ' ' } },
    {
      setting: 'provisionedPollers',
      overrides: {
        provisionedPollers: { minimumPollers: 5, maximumPollers: 2 },
      },
    },
  ])(
    'throws naming $setting when it is out of range',
    ({ setting, overrides }) => {
      // Act & Assess
      expect(() => assertPlatformSettings(platformFactory(overrides))).toThrow(
        expect.objectContaining({
          name: 'EsmPlatformSettingsError',
          setting,
        })
      );
      expect(() =>
        buildEsmPlan(deployedFactory(), platformFactory(overrides))
      ).toThrow(EsmPlatformSettingsError);
    }
  );
});

describe('Function: classifyClientProperties', () => {
  it('classifies every key it is given', () => {
    // Prepare
    const properties = {
      'max.poll.records': '10',
      'retention.ms': '-1',
      'ssl.cipher.suites': 'TLS_AES_128_GCM_SHA256',
      'linger.ms': '5',
      'something.else': 'x',
    };

    // Act
    const result = classifyClientProperties(properties);

    // Assess
    expect(result.classes).toEqual({
      'max.poll.records': 'mapped',
      'retention.ms': 'irrelevant',
      'ssl.cipher.suites': 'notHonoured',
      'linger.ms': 'notHonoured',
      'something.else': 'notHonoured',
    });
    expect(result.warnings.map((warning) => warning.property)).toEqual([
      'ssl.cipher.suites',
      'linger.ms',
      'something.else',
    ]);
  });
});
