import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PlatformSettings } from '../lib/esm/types.js';
import { KafkaInbound } from './KafkaInbound.js';
import type { KafkaInboundStackProps } from './types.js';

/**
 * A stack holding the `KafkaInbound` construct and its outputs, nothing
 * else. The construct gets the id `Default`, which CDK leaves out of
 * logical ids: the resources keep the ids they had when the stack built
 * them itself, so an existing deployment is updated, not replaced.
 */
class KafkaInboundStack extends Stack {
  /** The platform. */
  readonly inbound: KafkaInbound;
  /** Where BPMN files are uploaded (under `processesPrefix`). */
  readonly processesBucket: Bucket;
  /** The function every ESM targets, through one alias per binding. */
  readonly consumer: NodejsFunction;
  readonly provisioner: NodejsFunction;
  /** Binding store: pk/sk single table (lib/store). */
  readonly bindingTable: Table;
  /** Powertools idempotency table (`id`, TTL `expiration`). */
  readonly idempotencyTable: Table;
  /** Records that can never succeed. */
  readonly deadLetterQueue: Queue;
  /** Alarm notifications. */
  readonly alarmTopic: Topic;
  /** Camunda client secret (`clientSecret` / `basicAuthPassword`). */
  readonly camundaSecret: ISecret;
  /** The ESM mapping's settings for this deployment (for StaticKafkaProcess). */
  readonly platform: PlatformSettings;
  /** Platform defaults a deployed binding gets. */
  readonly bindingDefaults: {
    readonly ordering: 'partition' | 'key';
    readonly keyConcurrency: number;
  };

  constructor(scope: Construct, id: string, props: KafkaInboundStackProps) {
    super(scope, id, props);
    const inbound = new KafkaInbound(this, 'Default', props);
    this.inbound = inbound;
    this.processesBucket = inbound.processesBucket;
    this.consumer = inbound.consumer;
    this.provisioner = inbound.provisioner;
    this.bindingTable = inbound.bindingTable;
    this.idempotencyTable = inbound.idempotencyTable;
    this.deadLetterQueue = inbound.deadLetterQueue;
    this.alarmTopic = inbound.alarmTopic;
    this.camundaSecret = inbound.camundaSecret;
    this.platform = inbound.platform;
    this.bindingDefaults = inbound.bindingDefaults;

    new CfnOutput(this, 'ProcessesBucketName', {
      value: inbound.processesBucket.bucketName,
      description: `Upload BPMN files to s3://<bucket>/${inbound.processesPrefix}`,
    });
    new CfnOutput(this, 'ConsumerFunctionArn', {
      value: inbound.consumer.functionArn,
    });
    new CfnOutput(this, 'ProvisionerFunctionName', {
      value: inbound.provisioner.functionName,
    });
    new CfnOutput(this, 'BindingTableName', {
      value: inbound.bindingTable.tableName,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: inbound.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'IdempotencyTableName', {
      value: inbound.idempotencyTable.tableName,
      description:
        'kafka-inbound redrive --idempotency-table: a redrive creates nothing the consumer (or an earlier redrive) created',
    });
    new CfnOutput(this, 'CamundaSecretArn', {
      value: inbound.camundaSecret.secretArn,
    });
    new CfnOutput(this, 'DashboardName', {
      value: inbound.monitoring.dashboard.dashboardName,
    });
  }
}

export { KafkaInboundStack };
