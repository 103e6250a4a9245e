import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { IdempotencyTableKeys } from '../lib/aws/constants.js';
import type { StoreKey } from '../lib/store/index.js';

/** Where the platform keeps its data. */
interface KafkaInboundStorage {
  /** Encrypts the queues and the alarm topic. */
  readonly dataKey: Key;
  readonly processesBucket: Bucket;
  readonly bindingTable: Table;
  readonly idempotencyTable: Table;
  readonly deadLetterQueue: Queue;
  /** Bucket events the provisioner could not handle. */
  readonly provisionerEventsDlq: Queue;
  readonly camundaSecret: ISecret;
}

interface StorageOptions {
  readonly removalPolicy: RemovalPolicy;
  readonly secretPrefix: string;
  /** An existing Camunda secret; else one is created under the prefix. */
  readonly camundaSecretArn?: string;
}

/**
 * The storage part of `KafkaInbound`: the data key, the processes bucket
 * (versioned, EventBridge notifications, access logs), the binding store
 * and idempotency tables, the dead-letter queues and the Camunda secret.
 *
 * @param scope - the KafkaInbound construct (logical ids as the stack had them)
 * @param options - removal policy, secret prefix, an existing Camunda secret
 */
const addStorage = (
  scope: Construct,
  options: StorageOptions
): KafkaInboundStorage => {
  const { removalPolicy } = options;
  // One customer managed key for the queues and the alarm topic:
  // CloudWatch alarms cannot publish to a topic under the AWS managed key.
  const dataKey = new Key(scope, 'DataKey', {
    description: 'kafka-inbound dead-letter queues and alarm topic',
    enableKeyRotation: true,
    removalPolicy,
  });
  dataKey.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));
  dataKey.grantEncryptDecrypt(new ServicePrincipal('events.amazonaws.com'));

  const accessLogs = new Bucket(scope, 'AccessLogsBucket', {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(365) }],
    removalPolicy,
  });
  Validations.of(accessLogs).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'This bucket receives the processes bucket’s server access logs; logging it to itself would loop.',
  });

  const processesBucket = new Bucket(scope, 'ProcessesBucket', {
    versioned: true,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'processes-bucket/',
    removalPolicy,
  });
  // EventBridge notifications set on the bucket itself, not through
  // CDK's BucketNotifications custom resource (one Lambda fewer).
  (processesBucket.node.defaultChild as CfnBucket).notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };

  const bindingTable = new Table(scope, 'BindingTable', {
    // The key attributes of lib/store's StoreKey (its one key layout).
    partitionKey: {
      name: 'pk' satisfies keyof StoreKey,
      type: AttributeType.STRING,
    },
    sortKey: {
      name: 'sk' satisfies keyof StoreKey,
      type: AttributeType.STRING,
    },
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy,
  });
  const idempotencyTable = new Table(scope, 'IdempotencyTable', {
    partitionKey: {
      name: IdempotencyTableKeys.key,
      type: AttributeType.STRING,
    },
    timeToLiveAttribute: IdempotencyTableKeys.expiry,
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy,
  });

  const deadLetterQueue = new Queue(scope, 'DeadLetterQueue', {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: dataKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    // Dead letters outlive the stack (like the tables): deleting the
    // platform must not lose the records it could not deliver.
    removalPolicy,
  });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is the dead-letter queue of the consumer: its messages are replayed with `kafka-inbound replay`, not redriven.',
  });
  const provisionerEventsDlq = new Queue(scope, 'ProvisionerEventsDlq', {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: dataKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    // Dead letters outlive the stack (like the tables): deleting the
    // platform must not lose the records it could not deliver.
    removalPolicy,
  });
  Validations.of(provisionerEventsDlq).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'Dead-letter queue of the bucket events that the provisioner could not handle; re-upload the file to retry.',
  });

  const camundaSecret =
    options.camundaSecretArn === undefined
      ? new Secret(scope, 'CamundaSecret', {
          secretName: `${options.secretPrefix}camunda`,
          description:
            'Camunda credentials: {"clientSecret": "...", "basicAuthPassword": "..."}',
          secretObjectValue: {},
          removalPolicy,
        })
      : Secret.fromSecretCompleteArn(
          scope,
          'CamundaSecret',
          options.camundaSecretArn
        );
  if (camundaSecret instanceof Secret) {
    Validations.of(camundaSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The Camunda client secret is issued by Camunda (console or identity provider); it is rotated there and put here, not by a rotation Lambda.',
    });
  }

  return {
    dataKey,
    processesBucket,
    bindingTable,
    idempotencyTable,
    deadLetterQueue,
    provisionerEventsDlq,
    camundaSecret,
  };
};

export type { KafkaInboundStorage, StorageOptions };
export { addStorage };
