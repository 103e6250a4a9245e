/**
 * Every CreateEventSourceMapping and UpdateEventSourceMapping request the
 * platform can send, checked against the Lambda API's own contract: the
 * service model botocore ships (`botocore/data/lambda/<date>/service-2.json`,
 * read from the installed botocore at test time, not a copy), with its
 * shapes, required members, enums, patterns matched whole, lengths, list
 * sizes and ranges. The matrix crosses bindings (authentication, MSK,
 * registries, the longest ids and names, batching properties) with platform
 * settings (modes, destinations, VPC, metrics and logs, another partition
 * with the longest names), the same way the provisioner builds them:
 * `buildEsmPlan`, secret ARNs in, and `buildUpdateRequest` against the
 * request of every other platform.
 */
import { describe, expect, it } from 'vitest';
import type { Binding, KafkaAuthentication } from '../../lib/binding/types.js';
import {
  buildEsmPlan,
  type PlatformSettings,
  withSecretArns,
} from '../../lib/esm/index.js';
import { buildUpdateRequest } from '../../lib/provisioning/index.js';
import { loadServiceModel, validateInput } from '../support/botocore.js';
import {
  deployedFactory,
  esmBindingFactory,
} from '../support/factories/index.js';

const model = loadServiceModel('lambda');

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';

/** Where a platform runs: partition, region, account, function name. */
interface Place {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly functionName: string;
  readonly secretPrefix: string;
}

const EU: Place = {
  partition: 'aws',
  region: 'eu-west-1',
  account: '111122223333',
  functionName: 'kafka-inbound-consumer',
  secretPrefix: 'kafka-inbound/',
};

// The longest names a deployment can have: another partition, a long
// region, a 64-character function name (CDK's generated names are long) and
// the longest secret prefix the platform accepts.
const GOV: Place = {
  partition: 'aws-us-gov',
  region: 'us-gov-west-1',
  account: '444455556666',
  functionName: `KafkaInboundStack-Consumer${'X'.repeat(38)}`,
  secretPrefix: `${'platform-secrets/'.padEnd(39, 'p')}/`,
};

const mskArn = (place: Place) =>
  `arn:${place.partition}:kafka:${place.region}:${place.account}:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2`;
const mskBroker = (place: Place, n: number) =>
  `b-${n}.orders.abc123.c2.kafka.${place.region}.amazonaws.com`;

const platformAt = (
  place: Place,
  overrides: Partial<PlatformSettings> = {}
): PlatformSettings => ({
  region: place.region,
  accountId: place.account,
  consumerFunctionArn: `arn:${place.partition}:lambda:${place.region}:${place.account}:function:${place.functionName}`,
  mskClusters: [
    {
      arn: mskArn(place),
      bootstrapServers: [1, 2, 3].flatMap((n) =>
        [9094, 9096, 9098].map((port) => `${mskBroker(place, n)}:${port}`)
      ),
      authentication: ['tls', 'scram', 'iam'],
    },
  ],
  mskScramKeyArn: `arn:${place.partition}:kms:${place.region}:${place.account}:key/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7`,
  esmMode: 'provisioned',
  maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1,
  secretPrefix: place.secretPrefix,
  ...overrides,
});

const PLATFORMS: readonly {
  readonly name: string;
  readonly place: Place;
  readonly settings: (place: Place) => Partial<PlatformSettings>;
}[] = [
  { name: 'provisioned, defaults', place: EU, settings: () => ({}) },
  {
    name: 'provisioned, poller group, every metric, DEBUG logs, limits, SQS destination',
    place: EU,
    settings: (p) => ({
      provisionedPollers: {
        minimumPollers: 200,
        maximumPollers: 2000,
        pollerGroupName: 'g'.repeat(128),
      },
      esmMetrics: ['EventCount', 'ErrorCount', 'KafkaMetrics'],
      esmLogLevel: 'DEBUG',
      maximumRetryAttempts: 10_000,
      maximumRecordAgeInSeconds: 604_800,
      onFailureDestination: `arn:${p.partition}:sqs:${p.region}:${p.account}:kafka-inbound-dlq`,
    }),
  },
  {
    name: 'provisioned, kafka:// destination with the longest topic',
    place: EU,
    settings: () => ({
      maximumRetryAttempts: 0,
      maximumRecordAgeInSeconds: 60,
      onFailureDestination: `kafka://${'d'.repeat(249)}`,
    }),
  },
  {
    name: 'provisioned, S3 destination',
    place: EU,
    settings: (p) => ({
      onFailureDestination: `arn:${p.partition}:s3:::kafka-inbound-failures`,
    }),
  },
  {
    name: 'on demand, SNS destination, Kafka VPC',
    place: EU,
    settings: (p) => ({
      esmMode: 'onDemand',
      onFailureDestination: `arn:${p.partition}:sns:${p.region}:${p.account}:esm-failures`,
      vpc: {
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
        securityGroupIds: ['sg-0123456789abcdef0'],
      },
    }),
  },
  {
    name: 'provisioned, another partition, longest function name and secret prefix, Kafka VPC',
    place: GOV,
    settings: () => ({
      vpc: {
        subnetIds: Array.from({ length: 16 }, (_, i) => `subnet-${i}`),
        securityGroupIds: Array.from({ length: 4 }, (_, i) => `sg-${i}`),
      },
      esmMetrics: ['KafkaMetrics'],
    }),
  },
];

const SASL = (mechanism: KafkaAuthentication['saslMechanism']) => ({
  authentication: {
    securityProtocol: 'SASL_SSL' as const,
    saslMechanism: mechanism,
    username: 'svc-orders',
    password: '{{secrets.KAFKA_PASSWORD}}',
  },
});

const BINDINGS: readonly {
  readonly name: string;
  readonly binding: (place: Place) => Binding;
  /** Only in provisioned mode (the API has no registry on on-demand ESMs). */
  readonly provisionedOnly?: boolean;
}[] = [
  { name: 'plaintext', binding: () => esmBindingFactory() },
  { name: 'SASL/PLAIN', binding: () => esmBindingFactory(SASL('PLAIN')) },
  {
    name: 'SCRAM-SHA-256',
    binding: () => esmBindingFactory(SASL('SCRAM-SHA-256')),
  },
  {
    name: 'SCRAM-SHA-512',
    binding: () => esmBindingFactory(SASL('SCRAM-SHA-512')),
  },
  {
    name: 'mTLS with a private CA',
    binding: () =>
      esmBindingFactory({
        authentication: { securityProtocol: 'SSL' },
        clientProperties: {
          'ssl.keystore.type': 'PEM',
          'ssl.keystore.certificate.chain': CERT,
          'ssl.keystore.key': KEY,
          'ssl.key.password': 'pw',
          'ssl.truststore.type': 'PEM',
          'ssl.truststore.certificates': CERT,
        },
      }),
  },
  {
    name: 'MSK with IAM',
    binding: (p) =>
      esmBindingFactory({
        bootstrapServers: [`${mskBroker(p, 1)}:9098`],
        authentication: {
          securityProtocol: 'SASL_SSL',
          saslMechanism: 'AWS_MSK_IAM',
        },
      }),
  },
  {
    name: 'MSK with SCRAM-SHA-512',
    binding: (p) =>
      esmBindingFactory({
        ...SASL('SCRAM-SHA-512'),
        bootstrapServers: [`${mskBroker(p, 2)}:9096`],
      }),
  },
  {
    name: 'MSK with mTLS',
    binding: (p) =>
      esmBindingFactory({
        bootstrapServers: [`${mskBroker(p, 3)}:9094`],
        authentication: { securityProtocol: 'SSL' },
        clientProperties: {
          'ssl.keystore.type': 'PEM',
          'ssl.keystore.certificate.chain': CERT,
          'ssl.keystore.key': KEY,
        },
      }),
  },
  {
    name: 'Confluent registry with basic auth and a CA',
    binding: () =>
      esmBindingFactory({
        schema: {
          type: 'schemaRegistry',
          schemaType: 'avro',
          schemaRegistryUrl: 'https://registry.example.com:8081',
        },
        clientProperties: {
          'basic.auth.credentials.source': 'USER_INFO',
          'basic.auth.user.info': 'reader:{{secrets.SR_PASSWORD}}',
          'schema.registry.ssl.truststore.certificates': CERT,
        },
      }),
  },
  {
    name: 'Glue registry',
    provisionedOnly: true,
    binding: (p) =>
      esmBindingFactory({
        schema: {
          type: 'schemaRegistry',
          schemaType: 'avro',
          schemaRegistryUrl: `arn:${p.partition}:glue:${p.region}:${p.account}:registry/orders`,
        },
      }),
  },
  {
    name: 'longest binding id, topic and group; SCRAM and a registry client certificate',
    binding: () =>
      esmBindingFactory(
        {
          ...SASL('SCRAM-SHA-512'),
          topic: `t${'-'.repeat(247)}t`,
          groupId: `g${'/*:_+=.@-'.repeat(22)}g`,
          schema: {
            type: 'schemaRegistry',
            schemaType: 'json',
            schemaRegistryUrl: 'https://registry.example.com:8081',
          },
          clientProperties: {
            'schema.registry.ssl.keystore.certificate.chain': CERT,
            'schema.registry.ssl.keystore.key': KEY,
          },
        },
        { id: `${'a'.repeat(126)}_z` }
      ),
  },
  {
    name: 'longest binding id on MSK with SCRAM',
    binding: (p) =>
      esmBindingFactory(
        {
          ...SASL('SCRAM-SHA-512'),
          bootstrapServers: [`${mskBroker(p, 1)}:9096`],
        },
        { id: 'm'.repeat(128), processId: 'p'.repeat(256) }
      ),
  },
  {
    name: 'batching, offsets and twelve servers',
    binding: () =>
      esmBindingFactory({
        bootstrapServers: Array.from(
          { length: 12 },
          (_, i) => `broker-${i}.kafka.internal.example.com:9092`
        ),
        autoOffsetReset: 'none',
        offsets: [5, null, 7],
        clientProperties: {
          'max.poll.records': '20000',
          'fetch.max.wait.ms': '900000',
        },
      }),
  },
  {
    name: 'the smallest batch and window',
    binding: () =>
      esmBindingFactory({
        autoOffsetReset: 'earliest',
        clientProperties: { 'max.poll.records': '0', 'fetch.max.wait.ms': '0' },
      }),
  },
];

/** A Secrets Manager ARN as AWS assigns it: the name and 6 characters. */
const secretArn = (place: Place, name: string) =>
  `arn:${place.partition}:secretsmanager:${place.region}:${place.account}:secret:${name}-AbC1eF`;

const cases = PLATFORMS.flatMap((platform) =>
  BINDINGS.map((binding) => ({ platform, binding }))
);

const planned = cases.map(({ platform, binding }) => {
  const settings = platformAt(
    platform.place,
    platform.settings(platform.place)
  );
  const deployed = deployedFactory(binding.binding(platform.place), {
    esmMode: settings.esmMode,
  });
  const plan = buildEsmPlan(deployed, settings);
  const request =
    (plan.errors ?? []).length > 0
      ? undefined
      : withSecretArns(
          plan,
          Object.fromEntries(
            plan.secrets.map((secret) => [
              secret.name,
              secretArn(platform.place, secret.name),
            ])
          )
        ).request;
  return {
    name: `${binding.name} × ${platform.name}`,
    platform,
    binding,
    mode: settings.esmMode,
    plan,
    request,
  };
});

describe(`The Lambda API contract (${model.file})`, () => {
  const valid = planned.filter((item) => item.request !== undefined);

  it(`plans the ${planned.length} cases of ${BINDINGS.length} bindings × ${PLATFORMS.length} platforms, refusing only what the API cannot take`, () => {
    // Assess: the one refusal is a Glue registry on an on-demand ESM.
    const refused = planned
      .filter((item) => item.request === undefined)
      .map((item) => item.name);
    expect(refused).toEqual(
      planned
        .filter(
          (item) => item.binding.provisionedOnly && item.mode === 'onDemand'
        )
        .map((item) => item.name)
    );
  });

  it.each(valid)(
    'sends a valid CreateEventSourceMapping for $name',
    ({ request }) => {
      // Act
      const violations = validateInput(
        model,
        'CreateEventSourceMapping',
        request
      );

      // Assess
      expect(violations).toEqual([]);
    }
  );

  it.each(valid)(
    'sends a valid UpdateEventSourceMapping for $name, coming from every other platform',
    ({ request, binding, platform }) => {
      // Prepare: the request the same binding had under each other platform.
      const previous = valid.filter(
        (other) => other.binding === binding && other.platform !== platform
      );

      // Act
      const violations = previous.flatMap((other) =>
        validateInput(
          model,
          'UpdateEventSourceMapping',
          buildUpdateRequest(
            '14e0db71-xmpl-4eb5-b481-8945cf9d10c2',
            request as NonNullable<typeof request>,
            other.request
          )
        ).map((violation) => `from "${other.platform.name}": ${violation}`)
      );

      // Assess
      expect(previous.length).toBeGreaterThan(0);
      expect(violations).toEqual([]);
    }
  );

  it('catches what the API refuses: the validator is not blind', () => {
    // Prepare: requests the old mapping let through.
    const request = planned[0]?.request ?? {};
    const broken = [
      { ...request, Topics: ['o'] },
      {
        ...request,
        SourceAccessConfigurations: [
          {
            Type: 'BASIC_AUTH',
            URI: `arn:aws:secretsmanager:eu-west-1:1:secret:${'x'.repeat(190)}`,
          },
        ],
      },
      { ...request, StartingPosition: 'EARLIEST' },
      { ...request, FunctionName: undefined },
      { ...request, BatchSize: 10_001 },
      { ...request, Unknown: true },
    ];

    // Act
    const violations = broken.map((input) =>
      validateInput(model, 'CreateEventSourceMapping', input)
    );

    // Assess
    for (const found of violations) {
      expect(found).toHaveLength(1);
    }
  });
});
