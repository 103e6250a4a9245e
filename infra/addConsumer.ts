import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { SERVICE_NAMES } from '../lib/aws/constants.js';
import type { EnvVariables } from '../lib/env/index.js';
import type { KafkaInboundStorage } from './addStorage.js';
import type { FunctionDefaults } from './functionDefaults.js';
import { platformSecretArns } from './platformSecretArns.js';

interface ConsumerOptions {
  readonly entry: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly defaults: FunctionDefaults;
  readonly retention: RetentionDays;
  /** The variables both functions get. */
  readonly environment: Readonly<Record<string, string>>;
  readonly storage: KafkaInboundStorage;
  readonly secretPrefix: string;
  readonly enableMsk: boolean;
  /** The clusters' ARNs (parsed from `mskClusterArns` entries). */
  readonly mskClusterArns: readonly string[];
  /** The customer managed key of MSK SASL/SCRAM secrets. */
  readonly mskScramKeyArn: string | undefined;
  /** Glue schema registries the ESM reads with this role. */
  readonly glueSchemaRegistryArns: readonly string[];
  readonly kafkaVpc: boolean;
  readonly onFailureDestination: string | undefined;
}

/**
 * An MSK topic or group ARN of a cluster: `topic/` and `group/` ARNs share
 * the cluster's name and uuid (`arn:…:cluster/<name>/<uuid>` →
 * `arn:…:topic/<name>/<uuid>/<topic>`).
 */
const mskResourceArn = (
  clusterArn: string,
  kind: 'topic' | 'group',
  name: string
): string => `${clusterArn.replace(':cluster/', `:${kind}/`)}/${name}`;

/** The kind of an on-failure destination, by its ARN's service. */
const destinationService = (destination: string): string | undefined =>
  destination.startsWith('kafka://')
    ? 'kafka'
    : /^arn:[a-z-]+:(sqs|sns|s3):/.exec(destination)?.[1];

/**
 * What the ESM needs to write to the on-failure destination with the
 * consumer role (Lambda's developer guide, "Capturing discarded batches"):
 * sqs:SendMessage, sns:Publish, s3:PutObject and s3:ListBucket, or for a
 * `kafka://` topic on MSK with IAM, kafka-cluster:WriteData on that topic of
 * each cluster. The stack's own DLQ has its grant already.
 */
const addDestinationGrant = (
  role: NodejsFunction,
  options: ConsumerOptions
): void => {
  const destination = options.onFailureDestination;
  if (
    destination === undefined ||
    destination === options.storage.deadLetterQueue.queueArn
  ) {
    return;
  }
  switch (destinationService(destination)) {
    case 'sqs':
      role.addToRolePolicy(
        new PolicyStatement({
          sid: 'EsmSendsToOnFailureQueue',
          actions: ['sqs:SendMessage'],
          resources: [destination],
        })
      );
      return;
    case 'sns':
      role.addToRolePolicy(
        new PolicyStatement({
          sid: 'EsmPublishesToOnFailureTopic',
          actions: ['sns:Publish'],
          resources: [destination],
        })
      );
      return;
    case 's3':
      // wildcard(destination-objects): the ESM names each object it writes.
      role.addToRolePolicy(
        new PolicyStatement({
          sid: 'EsmWritesToOnFailureBucket',
          actions: ['s3:PutObject', 's3:ListBucket'],
          resources: [destination, `${destination}/*`],
        })
      );
      return;
    case 'kafka': {
      if (!options.enableMsk) {
        // Self-managed Kafka: the ESM writes with the binding's own
        // credentials, no IAM grant.
        return;
      }
      const topic = destination.slice('kafka://'.length);
      role.addToRolePolicy(
        new PolicyStatement({
          sid: 'EsmWritesToOnFailureMskTopic',
          actions: [
            'kafka-cluster:Connect',
            'kafka-cluster:DescribeTopic',
            'kafka-cluster:WriteData',
          ],
          resources: options.mskClusterArns.flatMap((arn) => [
            arn,
            mskResourceArn(arn, 'topic', topic),
          ]),
        })
      );
      return;
    }
    default:
      return;
  }
};

/**
 * The consumer part of `KafkaInbound`: the function every binding's ESM
 * invokes through its alias, its log group, and least-privilege grants
 * (binding store read, idempotency, dead-letter queue, Camunda secret, the
 * per-binding secrets the ESM and the consumer read with this role, Glue
 * schema registries, MSK and VPC access for the ESM's pollers, the
 * on-failure destination).
 *
 * @param scope - the KafkaInbound construct (logical ids as the stack had them)
 * @param options - handler, sizing, environment, storage and Kafka access
 */
const addConsumer = (
  scope: Construct,
  options: ConsumerOptions
): NodejsFunction => {
  const { storage } = options;
  const consumer = new NodejsFunction(scope, 'Consumer', {
    ...options.defaults,
    entry: options.entry,
    description: 'kafka-inbound consumer: Kafka records → Camunda 8',
    memorySize: options.memorySize,
    timeout: Duration.seconds(options.timeoutSeconds),
    logGroup: new LogGroup(scope, 'ConsumerLogs', {
      retention: options.retention,
      removalPolicy: RemovalPolicy.DESTROY,
    }),
    environment: {
      ...options.environment,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAMES.consumer,
      BINDING_TABLE_NAME: storage.bindingTable.tableName,
      IDEMPOTENCY_TABLE_NAME: storage.idempotencyTable.tableName,
      DEAD_LETTER_QUEUE_URL: storage.deadLetterQueue.queueUrl,
      // Per-binding schema registry secrets (the consumer decodes
      // Confluent-framed records with them).
      SECRET_PREFIX: options.secretPrefix,
    } satisfies EnvVariables,
  });

  const role = consumer;
  storage.bindingTable.grantReadData(role);
  storage.idempotencyTable.grantReadWriteData(role);
  // wildcard(dlq-data-key): CDK's grant on the KMS-encrypted queue adds
  // GenerateDataKey*/ReEncrypt* on the platform's one data key.
  storage.deadLetterQueue.grantSendMessages(role);
  storage.camundaSecret.grantRead(role);
  // The ESM reads the per-binding secrets with the function's role.
  // wildcard(binding-secrets): per-binding secrets are named at run time.
  role.addToRolePolicy(
    new PolicyStatement({
      sid: 'EsmReadsBindingSecrets',
      actions: [
        'secretsmanager:GetSecretValue',
        'secretsmanager:DescribeSecret',
      ],
      resources: platformSecretArns(scope, options.secretPrefix, 'bindings'),
    })
  );
  if (options.mskScramKeyArn !== undefined) {
    // MSK SASL/SCRAM secrets are encrypted with a customer managed key: the
    // ESM decrypts them, through Secrets Manager only.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'EsmDecryptsMskScramSecrets',
        actions: ['kms:Decrypt'],
        resources: [options.mskScramKeyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': `secretsmanager.${Stack.of(scope).region}.${Stack.of(scope).urlSuffix}`,
          },
        },
      })
    );
  }
  if (options.glueSchemaRegistryArns.length > 0) {
    // The ESM reads Glue schema registries with the function's role.
    // wildcard(glue-schemas): schemas of the named registries, named by
    // their producers.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'EsmReadsGlueSchemas',
        actions: ['glue:GetRegistry', 'glue:GetSchemaVersion'],
        resources: options.glueSchemaRegistryArns.flatMap((arn) => [
          arn,
          `${arn.replace(':registry/', ':schema/')}/*`,
        ]),
      })
    );
  }
  if (options.enableMsk || options.kafkaVpc) {
    // The ESM creates its pollers' network interfaces with this role
    // (what AWSLambdaMSKExecutionRole grants, minus the managed policy).
    // wildcard(unscoped-actions): EC2 network interface actions have no
    // resource-level scoping.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'EsmPollerNetworking',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVpcs',
          'ec2:DeleteNetworkInterface',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
        ],
        resources: ['*'],
      })
    );
  }
  if (options.enableMsk) {
    // KafkaInbound refuses enableMsk without cluster ARNs: only the
    // platform's own clusters.
    const clusters = [...options.mskClusterArns];
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'EsmDescribesMskClusters',
        actions: [
          'kafka:DescribeCluster',
          'kafka:DescribeClusterV2',
          'kafka:GetBootstrapBrokers',
        ],
        resources: clusters,
      })
    );
    // MSK IAM auth: the ESM connects and reads with this role.
    // wildcard(msk-resources): topics and groups of the clusters read.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'EsmReadsMskWithIam',
        actions: [
          'kafka-cluster:Connect',
          'kafka-cluster:DescribeClusterDynamicConfiguration',
          'kafka-cluster:DescribeGroup',
          'kafka-cluster:AlterGroup',
          'kafka-cluster:DescribeTopic',
          'kafka-cluster:ReadData',
        ],
        resources: clusters.flatMap((arn) => [
          arn,
          mskResourceArn(arn, 'topic', '*'),
          mskResourceArn(arn, 'group', '*'),
        ]),
      })
    );
  }
  addDestinationGrant(role, options);
  return consumer;
};

export type { ConsumerOptions };
export { addConsumer };
