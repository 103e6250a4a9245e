import { Aspects, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { assertPlatformSettings } from '../lib/esm/index.js';
import type { PlatformSettings } from '../lib/esm/types.js';
import {
  DEFAULT_CONSUMER_TIMEOUT_SECONDS,
  DEFAULT_SECRET_PREFIX,
  parseMskClusterEntry,
} from '../lib/platform/index.js';
import { ProvisionerDefaults } from '../lib/provisioning/index.js';
import { VersionDefaults } from '../lib/versions/index.js';
import { addConsumer } from './addConsumer.js';
import { addMonitoring } from './addMonitoring.js';
import { addProvisioner } from './addProvisioner.js';
import { addStorage } from './addStorage.js';
import { HandlerEntries } from './bundling.js';
import { KafkaInboundPropError } from './errors.js';
import { functionDefaults } from './functionDefaults.js';
import type { KafkaInboundMonitoring } from './KafkaInboundMonitoring.js';
import { placeInSubnets } from './placeInSubnets.js';
import {
  kafkaInboundWildcards,
  ReviewedWildcards,
} from './ReviewedWildcards.js';
import { sharedEnvironment } from './sharedEnvironment.js';
import type { KafkaInboundProps, PollerSettings } from './types.js';

const DEFAULT_POLLERS: PollerSettings = {
  minimumPollers: 1,
  maximumPollers: 2,
};

/**
 * kafka-inbound as a construct: the processes bucket, the provisioner it
 * triggers, the consumer that the per-binding ESMs invoke, their tables,
 * the dead-letter queue, least-privilege IAM, and a CloudWatch dashboard
 * with alarms. Put it into a stack of your own, or deploy
 * `KafkaInboundStack`, which holds nothing else (and gives it the id
 * `Default`, so that its logical ids are the stack's own).
 *
 * @example
 * ```ts
 * const inbound = new KafkaInbound(stack, 'Inbound', {
 *   camunda: { restAddress: 'https://…/v2', clientId: 'kafka-inbound' },
 * });
 * new StaticKafkaProcess(stack, 'Orders', { inbound, bindings });
 * ```
 */
class KafkaInbound extends Construct {
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
  /** The dashboard and alarms. */
  readonly monitoring: KafkaInboundMonitoring;
  /** The ESM mapping's settings for this deployment (for StaticKafkaProcess). */
  readonly platform: PlatformSettings;
  /** Platform defaults a deployed binding gets. */
  readonly bindingDefaults: {
    readonly ordering: 'partition' | 'key';
    readonly keyConcurrency: number;
  };
  /** Key prefix of the BPMN files in the processes bucket. */
  readonly processesPrefix: string;

  constructor(scope: Construct, id: string, props: KafkaInboundProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const prefix = props.processesPrefix ?? ProvisionerDefaults.processesPrefix;
    const secretPrefix = props.secretPrefix ?? DEFAULT_SECRET_PREFIX;
    const esmMode = props.esmMode ?? 'provisioned';
    const mskClusterEntries = props.mskClusterArns ?? [];
    // `<arn>` or `<arn>=<broker>|<broker>`: IAM and ESMs use the ARN.
    const mskClusters = mskClusterEntries.map(parseMskClusterEntry);
    const mskClusterArns = mskClusters.map((cluster) => cluster.arn);
    const enableMsk = props.enableMsk ?? mskClusterArns.length > 0;
    if (enableMsk && mskClusterArns.length === 0) {
      // A binding can only use a cluster the platform knows: MSK grants
      // without clusters could only be on every cluster of the account.
      throw new KafkaInboundPropError(
        'enableMsk',
        'needs mskClusterArns: no binding can use an MSK cluster the platform does not know, and the grants would be on every cluster of the account'
      );
    }
    const ordering = props.ordering ?? 'partition';
    const keyConcurrency = props.keyConcurrency ?? 16;
    const pollers = props.provisionedPollers ?? DEFAULT_POLLERS;
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const defaults = functionDefaults(props.bundleAwsSdk ?? false);
    this.processesPrefix = prefix;

    const storage = addStorage(this, {
      removalPolicy: props.dataRemovalPolicy ?? RemovalPolicy.RETAIN,
      secretPrefix,
      ...(props.camunda.secretArn === undefined
        ? {}
        : { camundaSecretArn: props.camunda.secretArn }),
    });
    this.processesBucket = storage.processesBucket;
    this.bindingTable = storage.bindingTable;
    this.idempotencyTable = storage.idempotencyTable;
    this.deadLetterQueue = storage.deadLetterQueue;
    this.camundaSecret = storage.camundaSecret;
    const environment = sharedEnvironment({
      camunda: props.camunda,
      camundaSecretArn: storage.camundaSecret.secretArn,
      esmMode,
      ordering,
      keyConcurrency,
      logLevel: props.logLevel ?? 'INFO',
    });
    const onFailureDestination =
      props.onFailureDestination === 'deadLetterQueue'
        ? storage.deadLetterQueue.queueArn
        : props.onFailureDestination;

    this.consumer = addConsumer(this, {
      entry: props.consumerEntry ?? HandlerEntries.consumer,
      memorySize: props.consumerMemorySize ?? 512,
      timeoutSeconds:
        props.consumerTimeoutSeconds ?? DEFAULT_CONSUMER_TIMEOUT_SECONDS,
      defaults,
      retention,
      environment,
      storage,
      secretPrefix,
      enableMsk,
      mskClusterArns,
      mskScramKeyArn: props.mskScramKeyArn,
      glueSchemaRegistryArns: props.glueSchemaRegistryArns ?? [],
      kafkaVpc: props.kafkaVpc !== undefined,
      onFailureDestination,
    });

    this.platform = {
      region: stack.region,
      accountId: stack.account,
      consumerFunctionArn: this.consumer.functionArn,
      mskClusters,
      ...(props.mskScramKeyArn === undefined
        ? {}
        : { mskScramKeyArn: props.mskScramKeyArn }),
      esmMode,
      provisionedPollers: pollers,
      maximumRetryAttempts: props.maximumRetryAttempts ?? -1,
      maximumRecordAgeInSeconds: props.maximumRecordAgeInSeconds ?? -1,
      ...(onFailureDestination === undefined
        ? {}
        : {
            onFailureDestination,
            ...(Token.isUnresolved(onFailureDestination)
              ? { onFailureDestinationResolvedAtDeploy: true }
              : {}),
          }),
      ...(props.kafkaVpc === undefined ? {} : { vpc: props.kafkaVpc }),
      secretPrefix,
      ...(props.esmMetrics === undefined
        ? {}
        : { esmMetrics: props.esmMetrics }),
    };
    // A setting the ESM cannot honour fails the synth, not the first upload.
    assertPlatformSettings(this.platform);
    this.bindingDefaults = { ordering, keyConcurrency };

    this.provisioner = addProvisioner(this, {
      entry: props.provisionerEntry ?? HandlerEntries.provisioner,
      defaults,
      retention,
      environment,
      storage,
      consumer: this.consumer,
      platform: this.platform,
      processesPrefix: prefix,
      deployProcesses: props.camunda.deployProcesses ?? true,
      versionCheckMinutes:
        props.versionCheckIntervalMinutes ??
        VersionDefaults.checkIntervalMinutes,
      discoverDeployments: props.discoverDeployments ?? false,
      mskClusterEntries,
      pollers,
      kafkaVpc: props.kafkaVpc,
      esmMetrics: props.esmMetrics,
      uploadPolicy: props.uploadPolicy,
    });

    if (props.functionSubnets !== undefined) {
      if (
        props.functionSubnets.subnetIds.length === 0 ||
        props.functionSubnets.securityGroupIds.length === 0 ||
        props.functionSubnets.securityGroupIds.length > 5
      ) {
        throw new KafkaInboundPropError(
          'functionSubnets',
          'needs at least one subnet and 1–5 security groups (Lambda VpcConfig)'
        );
      }
      placeInSubnets(this.consumer, props.functionSubnets);
      placeInSubnets(this.provisioner, props.functionSubnets);
    }

    const { alarmTopic, monitoring } = addMonitoring(this, {
      dataKey: storage.dataKey,
      consumer: this.consumer,
      provisioner: this.provisioner,
      deadLetterQueue: storage.deadLetterQueue,
      provisionerEventsDlq: storage.provisionerEventsDlq,
      ...(props.alarmEmail === undefined
        ? {}
        : { alarmEmail: props.alarmEmail }),
    });
    this.alarmTopic = alarmTopic;
    this.monitoring = monitoring;

    this.acknowledgeFunctionFindings();
    Aspects.of(this).add(
      new ReviewedWildcards(kafkaInboundWildcards(secretPrefix))
    );
  }

  /** cdk-nag findings on the functions that are deliberate, with reasons. */
  private acknowledgeFunctionFindings(): void {
    for (const fn of [this.consumer, this.provisioner]) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime issue 4 fixes for both functions (tests run on Node 20/22); moving to 24 is a one-line change once validated.',
      });
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch Logs.',
      });
    }
  }
}

export { KafkaInbound };
