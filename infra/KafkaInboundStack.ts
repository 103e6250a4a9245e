import { dirname } from 'node:path';
import {
  ArnFormat,
  Aspects,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PlatformSettings } from '../lib/esm/types.js';
import { HandlerEntries, LambdaBundling } from './bundling.js';
import { KafkaInboundMonitoring } from './KafkaInboundMonitoring.js';
import {
  kafkaInboundWildcards,
  ReviewedWildcards,
} from './ReviewedWildcards.js';
import type { KafkaInboundStackProps, PollerSettings } from './types.js';

const DEFAULT_POLLERS: PollerSettings = {
  minimumPollers: 1,
  maximumPollers: 2,
};

/**
 * NodejsFunction props shared by both functions: local esbuild bundling
 * (no Docker), Node.js 22 on arm64, an explicit log group.
 */
const functionDefaults = (
  bundleAwsSdk: boolean
): Pick<NodejsFunctionProps, 'runtime' | 'architecture' | 'bundling'> => ({
  runtime: Runtime.NODEJS_22_X,
  architecture: Architecture.ARM_64,
  bundling: {
    target: LambdaBundling.target,
    format: OutputFormat.ESM,
    minify: LambdaBundling.minify,
    sourceMap: LambdaBundling.sourceMap,
    sourcesContent: LambdaBundling.sourcesContent,
    mainFields: [...LambdaBundling.mainFields],
    banner: LambdaBundling.banner,
    externalModules: LambdaBundling.externalModules.filter(
      (name) => bundleAwsSdk === false || name !== '@aws-sdk/*'
    ),
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      // lazily loaded modules travel beside the bundle (LambdaBundling.sideFiles)
      afterBundling: (inputDir: string, outputDir: string) =>
        LambdaBundling.sideFiles.map(
          (file) =>
            `mkdir -p "${outputDir}/node_modules/${dirname(file)}" && cp "${inputDir}/node_modules/${file}" "${outputDir}/node_modules/${file}"`
        ),
    },
  },
});

/**
 * kafka-inbound: the processes bucket, the provisioner it triggers, the
 * consumer that the per-binding ESMs invoke, their tables, the dead-letter
 * queue, least-privilege IAM, and a CloudWatch dashboard with alarms.
 */
class KafkaInboundStack extends Stack {
  /** Where BPMN files are uploaded (under `processesPrefix`). */
  readonly processesBucket: Bucket;
  /** The function every ESM targets, through one alias per binding. */
  readonly consumer: NodejsFunction;
  readonly provisioner: NodejsFunction;
  /** Binding store: pk/sk single table. */
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
    const prefix = props.processesPrefix ?? 'processes/';
    const secretPrefix = props.secretPrefix ?? 'kafka-inbound/';
    const esmMode = props.esmMode ?? 'provisioned';
    const removalPolicy = props.dataRemovalPolicy ?? RemovalPolicy.RETAIN;
    const mskClusterArns = props.mskClusterArns ?? [];
    const enableMsk = props.enableMsk ?? mskClusterArns.length > 0;
    const ordering = props.ordering ?? 'partition';
    const keyConcurrency = props.keyConcurrency ?? 16;
    const pollers = props.provisionedPollers ?? DEFAULT_POLLERS;
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const logLevel = props.logLevel ?? 'INFO';
    const defaults = functionDefaults(props.bundleAwsSdk ?? false);

    // One customer managed key for the queues and the alarm topic:
    // CloudWatch alarms cannot publish to a topic under the AWS managed key.
    const dataKey = new Key(this, 'DataKey', {
      description: 'kafka-inbound dead-letter queues and alarm topic',
      enableKeyRotation: true,
      removalPolicy,
    });
    dataKey.grantEncryptDecrypt(
      new ServicePrincipal('cloudwatch.amazonaws.com')
    );
    dataKey.grantEncryptDecrypt(new ServicePrincipal('events.amazonaws.com'));

    const accessLogs = new Bucket(this, 'AccessLogsBucket', {
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

    this.processesBucket = new Bucket(this, 'ProcessesBucket', {
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
    (
      this.processesBucket.node.defaultChild as CfnBucket
    ).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };

    this.bindingTable = new Table(this, 'BindingTable', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy,
    });
    this.idempotencyTable = new Table(this, 'IdempotencyTable', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy,
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: dataKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the consumer: its messages are replayed with `kafka-inbound replay`, not redriven.',
    });
    const provisionerEventsDlq = new Queue(this, 'ProvisionerEventsDlq', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: dataKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(provisionerEventsDlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'Dead-letter queue of the bucket events that the provisioner could not handle; re-upload the file to retry.',
    });

    this.camundaSecret =
      props.camunda.secretArn === undefined
        ? new Secret(this, 'CamundaSecret', {
            secretName: `${secretPrefix}camunda`,
            description:
              'Camunda credentials: {"clientSecret": "...", "basicAuthPassword": "..."}',
            secretObjectValue: {},
            removalPolicy,
          })
        : Secret.fromSecretCompleteArn(
            this,
            'CamundaSecret',
            props.camunda.secretArn
          );
    if (this.camundaSecret instanceof Secret) {
      Validations.of(this.camundaSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The Camunda client secret is issued by Camunda (console or identity provider); it is rotated there and put here, not by a rotation Lambda.',
      });
    }

    const camundaEnvironment: Record<string, string> = {
      CAMUNDA_REST_ADDRESS: props.camunda.restAddress,
      CAMUNDA_AUTH_STRATEGY: props.camunda.authStrategy ?? 'OAUTH',
      CAMUNDA_SECRET_ARN: this.camundaSecret.secretArn,
      ...optionalEnvironment({
        CAMUNDA_CLIENT_ID: props.camunda.clientId,
        CAMUNDA_OAUTH_URL: props.camunda.oauthUrl,
        CAMUNDA_TOKEN_AUDIENCE: props.camunda.tokenAudience,
        CAMUNDA_TOKEN_SCOPE: props.camunda.tokenScope,
        CAMUNDA_BASIC_AUTH_USERNAME: props.camunda.basicAuthUsername,
        CAMUNDA_TENANT_ID: props.camunda.tenantId,
        CAMUNDA_BUSINESS_ID_UNIQUENESS: props.camunda.businessIdUniqueness
          ? 'true'
          : undefined,
      }),
    };
    const platformEnvironment: Record<string, string> = {
      ESM_MODE: esmMode,
      ORDERING_MODE: ordering,
      KEY_CONCURRENCY: String(keyConcurrency),
      NODE_OPTIONS: '--enable-source-maps',
      LOG_LEVEL: logLevel,
      POWERTOOLS_METRICS_NAMESPACE: 'KafkaInbound',
    };

    this.consumer = new NodejsFunction(this, 'Consumer', {
      ...defaults,
      entry: props.consumerEntry ?? HandlerEntries.consumer,
      description: 'kafka-inbound consumer: Kafka records → Camunda 8',
      memorySize: props.consumerMemorySize ?? 512,
      timeout: Duration.seconds(props.consumerTimeoutSeconds ?? 120),
      logGroup: new LogGroup(this, 'ConsumerLogs', {
        retention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      environment: {
        ...camundaEnvironment,
        ...platformEnvironment,
        POWERTOOLS_SERVICE_NAME: 'kafka-inbound-consumer',
        BINDING_TABLE_NAME: this.bindingTable.tableName,
        IDEMPOTENCY_TABLE_NAME: this.idempotencyTable.tableName,
        DEAD_LETTER_QUEUE_URL: this.deadLetterQueue.queueUrl,
        // Per-binding schema registry secrets (the consumer decodes
        // Confluent-framed records with them).
        SECRET_PREFIX: secretPrefix,
      },
    });

    const onFailureDestination =
      props.onFailureDestination === 'deadLetterQueue'
        ? this.deadLetterQueue.queueArn
        : props.onFailureDestination;

    this.platform = {
      region: this.region,
      accountId: this.account,
      consumerFunctionArn: this.consumer.functionArn,
      mskClusters: mskClusterArns.map((arn) => ({ arn, bootstrapServers: [] })),
      esmMode,
      provisionedPollers: pollers,
      maximumRetryAttempts: props.maximumRetryAttempts ?? -1,
      maximumRecordAgeInSeconds: props.maximumRecordAgeInSeconds ?? -1,
      ...(onFailureDestination === undefined ? {} : { onFailureDestination }),
      ...(props.kafkaVpc === undefined ? {} : { vpc: props.kafkaVpc }),
      secretPrefix,
      ...(props.esmMetrics === undefined
        ? {}
        : { esmMetrics: props.esmMetrics }),
    };
    this.bindingDefaults = { ordering, keyConcurrency };

    this.provisioner = new NodejsFunction(this, 'Provisioner', {
      ...defaults,
      entry: props.provisionerEntry ?? HandlerEntries.provisioner,
      description:
        'kafka-inbound provisioner: BPMN uploads → Camunda deployments, aliases and ESMs',
      memorySize: 1024,
      timeout: Duration.minutes(5),
      // One upload at a time: reconciling two versions of a file in
      // parallel would race on the same aliases and ESMs.
      reservedConcurrentExecutions: 1,
      logGroup: new LogGroup(this, 'ProvisionerLogs', {
        retention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      environment: {
        ...camundaEnvironment,
        ...platformEnvironment,
        POWERTOOLS_SERVICE_NAME: 'kafka-inbound-provisioner',
        BINDING_TABLE_NAME: this.bindingTable.tableName,
        CONSUMER_FUNCTION_NAME: this.consumer.functionArn,
        PROCESSES_BUCKET: this.processesBucket.bucketName,
        PROCESSES_PREFIX: prefix,
        SECRET_PREFIX: secretPrefix,
        DEPLOY_TO_CAMUNDA: String(props.camunda.deployProcesses ?? true),
        MSK_CLUSTER_ARNS: mskClusterArns.join(','),
        MIN_POLLERS: String(pollers.minimumPollers),
        MAX_POLLERS: String(pollers.maximumPollers),
        MAXIMUM_RETRY_ATTEMPTS: String(this.platform.maximumRetryAttempts),
        MAXIMUM_RECORD_AGE_SECONDS: String(
          this.platform.maximumRecordAgeInSeconds
        ),
        ...optionalEnvironment({
          POLLER_GROUP_NAME: pollers.pollerGroupName,
          ON_FAILURE_DESTINATION: onFailureDestination,
          VPC_SUBNET_IDS: props.kafkaVpc?.subnetIds.join(','),
          VPC_SECURITY_GROUP_IDS: props.kafkaVpc?.securityGroupIds.join(','),
          ESM_METRICS: props.esmMetrics?.join(','),
        }),
      },
    });

    new Rule(this, 'ProcessFileEvents', {
      description: `BPMN files created or deleted under ${prefix}`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created', 'Object Deleted'],
        detail: {
          bucket: { name: [this.processesBucket.bucketName] },
          object: { key: Match.wildcard(`${prefix}*.bpmn`) },
        },
      },
      targets: [
        new LambdaFunction(this.provisioner, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: provisionerEventsDlq,
        }),
      ],
    });

    this.grantConsumer({
      secretPrefix,
      enableMsk,
      mskClusterArns,
      glueSchemaRegistryArns: props.glueSchemaRegistryArns ?? [],
      kafkaVpc: props.kafkaVpc !== undefined,
      onFailureDestination,
    });
    this.grantProvisioner({ prefix, secretPrefix, enableMsk });

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'kafka-inbound alarms',
      masterKey: dataKey,
      enforceSSL: true,
    });
    if (props.alarmEmail !== undefined) {
      this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    }
    const monitoring = new KafkaInboundMonitoring(this, 'Monitoring', {
      consumer: this.consumer,
      provisioner: this.provisioner,
      deadLetterQueue: this.deadLetterQueue,
      provisionerEventsDlq,
      alarmTopic: this.alarmTopic,
    });

    this.acknowledgeFunctionFindings();
    Aspects.of(this).add(
      new ReviewedWildcards(kafkaInboundWildcards(secretPrefix))
    );

    new CfnOutput(this, 'ProcessesBucketName', {
      value: this.processesBucket.bucketName,
      description: `Upload BPMN files to s3://<bucket>/${prefix}`,
    });
    new CfnOutput(this, 'ConsumerFunctionArn', {
      value: this.consumer.functionArn,
    });
    new CfnOutput(this, 'ProvisionerFunctionName', {
      value: this.provisioner.functionName,
    });
    new CfnOutput(this, 'BindingTableName', {
      value: this.bindingTable.tableName,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'CamundaSecretArn', {
      value: this.camundaSecret.secretArn,
    });
    new CfnOutput(this, 'DashboardName', {
      value: monitoring.dashboard.dashboardName,
    });
  }

  /** ARN pattern of the platform's secrets (and MSK's `AmazonMSK_` copies). */
  private secretArns(secretPrefix: string): string[] {
    return [secretPrefix, `AmazonMSK_${secretPrefix}`].map((name) =>
      this.formatArn({
        service: 'secretsmanager',
        resource: 'secret',
        resourceName: `${name}*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })
    );
  }

  private grantConsumer(options: {
    secretPrefix: string;
    enableMsk: boolean;
    mskClusterArns: readonly string[];
    glueSchemaRegistryArns: readonly string[];
    kafkaVpc: boolean;
    onFailureDestination: string | undefined;
  }): void {
    const role = this.consumer;
    this.bindingTable.grantReadData(role);
    this.idempotencyTable.grantReadWriteData(role);
    // wildcard(dlq-data-key): CDK's grant on the KMS-encrypted queue adds
    // GenerateDataKey*/ReEncrypt* on the platform's one data key.
    this.deadLetterQueue.grantSendMessages(role);
    this.camundaSecret.grantRead(role);
    // The ESM reads the per-binding secrets with the function's role.
    // wildcard(binding-secrets): per-binding secrets are named at run time.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'EsmReadsBindingSecrets',
        actions: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
        ],
        resources: this.secretArns(options.secretPrefix),
      })
    );
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
      const clusters =
        options.mskClusterArns.length > 0
          ? [...options.mskClusterArns]
          : [this.kafkaArn('cluster', '*/*')];
      // wildcard(msk-resources): without configured cluster ARNs, any MSK
      // cluster of the account and region.
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
          // topic/ and group/ ARNs share the cluster's name and uuid.
          resources: clusters.flatMap((arn) => [
            arn,
            `${arn.replace(':cluster/', ':topic/')}/*`,
            `${arn.replace(':cluster/', ':group/')}/*`,
          ]),
        })
      );
    }
    const destination = options.onFailureDestination;
    if (
      destination !== undefined &&
      destination !== this.deadLetterQueue.queueArn
    ) {
      if (destination.startsWith('arn:aws:sqs:')) {
        role.addToRolePolicy(
          new PolicyStatement({
            actions: ['sqs:SendMessage'],
            resources: [destination],
          })
        );
      } else if (destination.startsWith('arn:aws:sns:')) {
        role.addToRolePolicy(
          new PolicyStatement({
            actions: ['sns:Publish'],
            resources: [destination],
          })
        );
      }
    }
  }

  private kafkaArn(resource: string, name: string): string {
    return this.formatArn({
      service: 'kafka',
      resource,
      resourceName: name,
    });
  }

  private grantProvisioner(options: {
    prefix: string;
    secretPrefix: string;
    enableMsk: boolean;
  }): void {
    const role = this.provisioner;
    // wildcard(processes-read-actions): CDK's read grant (object versions).
    // wildcard(processes-objects): any BPMN file under the prefix.
    this.processesBucket.grantRead(role, `${options.prefix}*`);
    this.bindingTable.grantReadWriteData(role);
    this.camundaSecret.grantRead(role);
    const consumerArn = this.consumer.functionArn;
    const consumerArns = [consumerArn, `${consumerArn}:*`];
    // wildcard(consumer-aliases): one alias per binding, named at run time.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'ManageConsumerAliases',
        actions: [
          'lambda:CreateAlias',
          'lambda:UpdateAlias',
          'lambda:DeleteAlias',
          'lambda:GetAlias',
          'lambda:ListAliases',
          'lambda:GetFunction',
        ],
        resources: consumerArns,
      })
    );
    // CreateEventSourceMapping has no resource type: it is scoped with the
    // lambda:FunctionArn condition key, as are the per-mapping actions.
    const onConsumer = { ArnLike: { 'lambda:FunctionArn': consumerArns } };
    // wildcard(unscoped-actions): scoped by the lambda:FunctionArn condition.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'CreateConsumerEsms',
        actions: ['lambda:CreateEventSourceMapping'],
        resources: ['*'],
        conditions: onConsumer,
      })
    );
    const esmArns = this.formatArn({
      service: 'lambda',
      resource: 'event-source-mapping',
      resourceName: '*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    // wildcard(esm-arns): UUIDs assigned at creation; FunctionArn condition.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'ManageConsumerEsms',
        actions: [
          'lambda:UpdateEventSourceMapping',
          'lambda:DeleteEventSourceMapping',
          'lambda:GetEventSourceMapping',
        ],
        resources: [esmArns],
        conditions: onConsumer,
      })
    );
    // wildcard(unscoped-actions): ListEventSourceMappings has no resource.
    // wildcard(esm-arns): tags go on mappings created at run time.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'TagAndListEsms',
        actions: [
          'lambda:ListEventSourceMappings',
          'lambda:TagResource',
          'lambda:UntagResource',
          'lambda:ListTags',
        ],
        resources: ['*', esmArns],
      })
    );
    // wildcard(binding-secrets): per-binding secrets are named at run time.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'ManageBindingSecrets',
        effect: Effect.ALLOW,
        actions: [
          'secretsmanager:CreateSecret',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecret',
          'secretsmanager:DeleteSecret',
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:TagResource',
        ],
        resources: this.secretArns(options.secretPrefix),
      })
    );
    if (options.enableMsk) {
      // wildcard(unscoped-actions): kafka:ListClustersV2 has no resource;
      // clusters are found from the bootstrap servers of a binding.
      role.addToRolePolicy(
        new PolicyStatement({
          sid: 'DiscoverMskClusters',
          actions: [
            'kafka:ListClustersV2',
            'kafka:DescribeClusterV2',
            'kafka:GetBootstrapBrokers',
          ],
          resources: ['*'],
        })
      );
    }
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

/** Only the variables that have a value. */
const optionalEnvironment = (
  variables: Record<string, string | undefined>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(variables).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[1] !== ''
    )
  );

export { KafkaInboundStack };
