import {
  ArnFormat,
  CustomResource,
  Duration,
  RemovalPolicy,
  Stack,
} from 'aws-cdk-lib';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import {
  Effect,
  type IRole,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import {
  LambdaInvoke,
  type ScheduleTargetBaseProps,
} from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { SERVICE_NAMES } from '../lib/aws/constants.js';
import { BPMN_FILE_SUFFIX } from '../lib/bpmn/index.js';
import type { EnvVariables } from '../lib/env/index.js';
import { TAG_KEY_PREFIX } from '../lib/esm/index.js';
import type { PlatformSettings } from '../lib/esm/types.js';
import {
  readUploadPolicy,
  SCHEDULED_CHECK_EVENT,
  TeardownDefaults,
} from '../lib/provisioning/index.js';
import type { KafkaInboundStorage } from './addStorage.js';
import { InfraConfigError } from './errors.js';
import type { FunctionDefaults } from './functionDefaults.js';
import { optionalEnvironment } from './optionalEnvironment.js';
import { platformSecretArns } from './platformSecretArns.js';
import type {
  KafkaVpcSettings,
  PollerSettings,
  UploadPolicySettings,
} from './types.js';

/**
 * EventBridge Scheduler's Lambda target, granted `lambda:InvokeFunction` on
 * the function's unqualified ARN only (the ARN the schedule invokes), not
 * on its versions and aliases as `grantInvoke` would.
 */
class InvokeFunctionOnly extends LambdaInvoke {
  readonly #functionArn: string;

  constructor(func: IFunction, props: ScheduleTargetBaseProps) {
    super(func, props);
    this.#functionArn = func.functionArn;
  }

  protected override addTargetActionToRole(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.#functionArn],
      })
    );
  }
}

interface ProvisionerOptions {
  readonly entry: string;
  readonly defaults: FunctionDefaults;
  readonly retention: RetentionDays;
  /** The variables both functions get. */
  readonly environment: Readonly<Record<string, string>>;
  readonly storage: KafkaInboundStorage;
  readonly consumer: NodejsFunction;
  /** The ESM mapping's settings, as the provisioner reads them back. */
  readonly platform: PlatformSettings;
  readonly processesPrefix: string;
  readonly deployProcesses: boolean;
  /** `mskClusterArns` entries as given (the provisioner parses them). */
  readonly mskClusterEntries: readonly string[];
  /** Minutes between two scheduled checks (retained versions, discovery). */
  readonly versionCheckMinutes: number;
  readonly discoverDeployments: boolean;
  readonly pollers: PollerSettings;
  readonly kafkaVpc: KafkaVpcSettings | undefined;
  readonly esmMetrics: readonly string[] | undefined;
  readonly uploadPolicy: UploadPolicySettings | undefined;
}

const optionalNumber = (value: number | undefined): string | undefined =>
  value === undefined ? undefined : String(value);

/**
 * The provisioner part of `KafkaInbound`: the function that turns BPMN
 * uploads into Camunda deployments, aliases, secrets and ESMs, the
 * EventBridge rule that feeds it the bucket's `*.bpmn` events, the
 * EventBridge Scheduler schedule of its version check (and discovery), and its
 * grants (read the processes, write the binding store, manage the
 * consumer's aliases and ESMs and the per-binding secrets).
 *
 * @param scope - the KafkaInbound construct (logical ids as the stack had them)
 * @param options - handler, environment, storage, consumer and ESM settings
 */
const addProvisioner = (
  scope: Construct,
  options: ProvisionerOptions
): NodejsFunction => {
  const { storage, platform, pollers, processesPrefix: prefix } = options;
  const policyEnvironment = optionalEnvironment({
    SECRET_REFERENCE_POLICY:
      options.uploadPolicy?.secretReferences === undefined
        ? undefined
        : JSON.stringify(options.uploadPolicy.secretReferences),
    MAX_BINDINGS_PER_FILE: optionalNumber(
      options.uploadPolicy?.maxBindingsPerFile
    ),
    MAX_BINDINGS_PER_PLATFORM: optionalNumber(
      options.uploadPolicy?.maxBindingsPerPlatform
    ),
  });
  // Refused at synth rather than by every upload: the provisioner reads it so.
  readUploadPolicy(policyEnvironment);
  const provisioner = new NodejsFunction(scope, 'Provisioner', {
    ...options.defaults,
    entry: options.entry,
    description:
      'kafka-inbound provisioner: BPMN uploads → Camunda deployments, aliases and ESMs',
    memorySize: 1024,
    timeout: Duration.minutes(5),
    // One upload at a time: reconciling two versions of a file in
    // parallel would race on the same aliases and ESMs.
    reservedConcurrentExecutions: 1,
    logGroup: new LogGroup(scope, 'ProvisionerLogs', {
      retention: options.retention,
      removalPolicy: RemovalPolicy.DESTROY,
    }),
    environment: {
      ...options.environment,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAMES.provisioner,
      BINDING_TABLE_NAME: storage.bindingTable.tableName,
      CONSUMER_FUNCTION_NAME: options.consumer.functionArn,
      PROCESSES_BUCKET: storage.processesBucket.bucketName,
      PROCESSES_PREFIX: prefix,
      SECRET_PREFIX: platform.secretPrefix,
      DEPLOY_TO_CAMUNDA: String(options.deployProcesses),
      DISCOVER_DEPLOYMENTS: String(options.discoverDeployments),
      MSK_CLUSTER_ARNS: options.mskClusterEntries.join(','),
      MIN_POLLERS: String(pollers.minimumPollers),
      MAX_POLLERS: String(pollers.maximumPollers),
      MAXIMUM_RETRY_ATTEMPTS: String(platform.maximumRetryAttempts),
      MAXIMUM_RECORD_AGE_SECONDS: String(platform.maximumRecordAgeInSeconds),
      ...optionalEnvironment({
        POLLER_GROUP_NAME: pollers.pollerGroupName,
        ON_FAILURE_DESTINATION: platform.onFailureDestination,
        VPC_SUBNET_IDS: options.kafkaVpc?.subnetIds.join(','),
        VPC_SECURITY_GROUP_IDS: options.kafkaVpc?.securityGroupIds.join(','),
        ESM_METRICS: options.esmMetrics?.join(','),
        MSK_SCRAM_KEY_ARN: platform.mskScramKeyArn,
      }),
      ...policyEnvironment,
    } satisfies EnvVariables,
  });

  // Deleting the stack removes what the provisioner created at run time
  // (ESMs, aliases, binding secrets, records): CloudFormation invokes the
  // provisioner itself with the resource's Delete. It is the provisioner
  // because its one reserved execution serializes the teardown with uploads
  // and scheduled runs, and it holds exactly the grants deprovisioning needs.
  // The resource depends on everything the teardown uses, so CloudFormation
  // deletes it first; the bucket rule and the schedule depend on it, so
  // they are gone before it runs.
  const teardown = new CustomResource(scope, 'Teardown', {
    serviceToken: provisioner.functionArn,
    resourceType: TeardownDefaults.resourceType,
    // A teardown that cannot answer (the function timed out three times)
    // fails the deletion after this long, not after CloudFormation's hour.
    serviceTimeout: Duration.minutes(30),
  });
  // The provisioner (and its role and policy) through the service token;
  // the consumer (its aliases) and the binding table explicitly.
  teardown.node.addDependency(options.consumer, storage.bindingTable);

  const fileEvents = new Rule(scope, 'ProcessFileEvents', {
    description: `BPMN files created or deleted under ${prefix}`,
    eventPattern: {
      source: ['aws.s3'],
      detailType: ['Object Created', 'Object Deleted'],
      detail: {
        bucket: { name: [storage.processesBucket.bucketName] },
        object: { key: Match.wildcard(`${prefix}*${BPMN_FILE_SUFFIX}`) },
      },
    },
    targets: [
      new LambdaFunction(provisioner, {
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: storage.provisionerEventsDlq,
      }),
    ],
  });

  const minutes = options.versionCheckMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1_440) {
    throw new InfraConfigError(
      'versionCheckIntervalMinutes',
      `must be whole minutes from 1 to 1440 (got ${minutes})`
    );
  }
  // Without Camunda keys (deployProcesses off) there are no versions to
  // check; discovery asks Camunda whatever deploys.
  if (options.deployProcesses || options.discoverDeployments) {
    const schedule = new Schedule(scope, 'VersionCheckSchedule', {
      description: `kafka-inbound: check older process versions for waiting instances${
        options.discoverDeployments ? ' and discover deployments' : ''
      }, every ${minutes} minute(s)`,
      schedule: ScheduleExpression.rate(Duration.minutes(minutes)),
      target: new InvokeFunctionOnly(provisioner, {
        // Our own role, inside the construct (the target's default is a
        // stack-wide singleton).
        role: new Role(scope, 'VersionCheckScheduleRole', {
          assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
            conditions: {
              StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
            },
          }),
        }),
        input: ScheduleTargetInput.fromObject(SCHEDULED_CHECK_EVENT),
        // A missed run is the next run: no retries piling up behind the
        // provisioner's single concurrency, and nothing to keep in a
        // dead-letter queue.
        retryAttempts: 0,
        maxEventAge: Duration.minutes(minutes),
      }),
    });
    // Deleted before the teardown runs: no discovery or version check
    // provisions anything while it removes.
    schedule.node.addDependency(teardown);
  }
  // Deleted before the teardown runs: no upload is provisioned meanwhile.
  fileEvents.node.addDependency(teardown);

  const role = provisioner;
  // The teardown reads its own stack's status (a Delete that rolls back an
  // update leaves the platform running).
  role.addToRolePolicy(
    new PolicyStatement({
      sid: 'ReadOwnStackStatus',
      actions: ['cloudformation:DescribeStacks'],
      resources: [Stack.of(scope).stackId],
    })
  );
  // wildcard(processes-read-actions): CDK's read grant (object versions).
  // wildcard(processes-objects): any BPMN file under the prefix.
  storage.processesBucket.grantRead(role, `${prefix}*`);
  storage.bindingTable.grantReadWriteData(role);
  storage.camundaSecret.grantRead(role);
  const consumerArn = options.consumer.functionArn;
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
  const esmArns = Stack.of(scope).formatArn({
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
      ],
      resources: [esmArns],
      conditions: onConsumer,
    })
  );
  // The Service Authorization Reference (Actions, resources, and condition
  // keys for AWS Lambda) lists lambda:FunctionArn for GetEventSourceMapping
  // too, on the eventSourceMapping resource type. A mapping that is gone has
  // no function to put into the key, so the wait after a delete reads with
  // ArnLikeIfExists: scoped to the consumer whenever Lambda supplies the
  // key, and ResourceNotFound (not AccessDenied) once the ESM is gone.
  // ListTags has no such key (aws:ResourceTag only): read-only on ESM ARNs.
  // wildcard(esm-arns): UUIDs assigned at creation; FunctionArn condition.
  role.addToRolePolicy(
    new PolicyStatement({
      sid: 'ReadConsumerEsms',
      actions: ['lambda:GetEventSourceMapping'],
      resources: [esmArns],
      conditions: { ArnLikeIfExists: { 'lambda:FunctionArn': consumerArns } },
    })
  );
  // wildcard(esm-arns): UUIDs assigned at creation; read-only action.
  role.addToRolePolicy(
    new PolicyStatement({
      sid: 'ReadEsmTags',
      actions: ['lambda:ListTags'],
      resources: [esmArns],
    })
  );
  // wildcard(unscoped-actions): ListEventSourceMappings has no resource.
  role.addToRolePolicy(
    new PolicyStatement({
      sid: 'ListEsms',
      actions: ['lambda:ListEventSourceMappings'],
      resources: ['*'],
    })
  );
  // wildcard(esm-arns): tags go on mappings created at run time, and only
  // the platform's own tag keys.
  role.addToRolePolicy(
    new PolicyStatement({
      sid: 'TagEsms',
      actions: ['lambda:TagResource'],
      resources: [esmArns],
      conditions: {
        'ForAllValues:StringLike': { 'aws:TagKeys': [`${TAG_KEY_PREFIX}*`] },
      },
    })
  );
  // Binding secrets only: the platform's Camunda secret and the users'
  // secrets are written by operators, never by the provisioner.
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
        'secretsmanager:RestoreSecret',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:TagResource',
      ],
      resources: platformSecretArns(scope, platform.secretPrefix, 'bindings'),
    })
  );
  // wildcard(user-secrets): {{secrets.NAME}} of the BPMN files, read only.
  role.addToRolePolicy(
    new PolicyStatement({
      sid: 'ReadUserSecrets',
      actions: ['secretsmanager:GetSecretValue'],
      resources: platformSecretArns(scope, platform.secretPrefix, 'users'),
    })
  );
  if (platform.mskScramKeyArn !== undefined) {
    // MSK SASL/SCRAM secrets are created under the customer managed key;
    // Secrets Manager uses it on the provisioner's behalf only.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'EncryptMskScramSecrets',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [platform.mskScramKeyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': `secretsmanager.${Stack.of(scope).region}.${Stack.of(scope).urlSuffix}`,
          },
        },
      })
    );
    // BatchAssociateScramSecret (and its disassociation) makes MSK create a
    // grant on the secret's key as the caller: AWS's resource schema of
    // AWS::MSK::BatchScramSecret lists kms:CreateGrant and kms:DescribeKey
    // among the permissions of its create, update and delete handlers (the
    // MSK developer guide's SASL/SCRAM page names no KMS permission of the
    // caller). On the configured key only.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'GrantMskOnScramKey',
        actions: ['kms:CreateGrant', 'kms:DescribeKey'],
        resources: [platform.mskScramKeyArn],
      })
    );
  }
  const clusters = platform.mskClusters.map((cluster) => cluster.arn);
  if (clusters.length > 0) {
    // Brokers of the clusters given by ARN (GetBootstrapBrokers), and the
    // association of binding SCRAM secrets with them.
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'DiscoverMskClustersAndAssociateScramSecrets',
        actions: [
          'kafka:GetBootstrapBrokers',
          'kafka:ListScramSecrets',
          'kafka:BatchAssociateScramSecret',
          'kafka:BatchDisassociateScramSecret',
        ],
        resources: clusters,
      })
    );
  }
  return provisioner;
};

export type { ProvisionerOptions };
export { addProvisioner };
