import type { RemovalPolicy, SecretValue, StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Binding } from '../lib/binding/types.js';
import type { EsmMode, OrderingMode } from '../lib/consumer/types.js';
import type { EsmMetric, PlatformSettings } from '../lib/esm/types.js';
import type { SecretReferenceRule } from '../lib/provisioning/types.js';

/** How the functions reach Camunda 8 (Orchestration Cluster REST API v2). */
interface CamundaSettings {
  /** REST address, e.g. `https://bru-2.zeebe.camunda.io/<cluster-id>/v2`. */
  readonly restAddress: string;
  /**
   * `NONE`, `BASIC` or `OAUTH` (client credentials).
   * @default 'OAUTH'
   */
  readonly authStrategy?: 'NONE' | 'BASIC' | 'OAUTH';
  /** OAuth client id (not a secret). @default - none */
  readonly clientId?: string;
  /** OAuth token endpoint. @default - none (required for OAUTH by the functions) */
  readonly oauthUrl?: string;
  /** OAuth token audience. @default - none */
  readonly tokenAudience?: string;
  /** OAuth scope, space separated. @default - none */
  readonly tokenScope?: string;
  /** Basic auth user name (not a secret). @default - none */
  readonly basicAuthUsername?: string;
  /** Tenant id sent when a request names none. @default - none */
  readonly tenantId?: string;
  /**
   * The cluster (Camunda 8.9+) enforces unique business ids: create-instance
   * calls then carry one per record, a second line of defence against
   * duplicate instances when an answer is lost. Older clusters reject the
   * field, so leave it off for them.
   * @default false
   */
  readonly businessIdUniqueness?: boolean;
  /**
   * Complete ARN of an existing secret holding
   * `{"clientSecret": "...", "basicAuthPassword": "..."}` (either key optional).
   * @default - the stack creates `<secretPrefix>camunda` holding `{}`; put
   *   the real value in it after the first deploy
   */
  readonly secretArn?: string;
  /**
   * Whether the provisioner deploys each uploaded BPMN to Camunda
   * (`POST /v2/deployments`) before it reconciles the ESMs.
   * @default true
   */
  readonly deployProcesses?: boolean;
}

/** Provisioned-mode pollers of every ESM. */
interface PollerSettings {
  /** 1–200. @default 1 */
  readonly minimumPollers: number;
  /** minimumPollers–2000. @default 2 */
  readonly maximumPollers: number;
  /** Shares pollers (EPU) between up to 100 ESMs in one VPC. @default - none */
  readonly pollerGroupName?: string;
}

/** Network settings for self-managed Kafka in a VPC. */
interface KafkaVpcSettings {
  /** Subnets the ESM pollers connect from (`VPC_SUBNET`). */
  readonly subnetIds: readonly string[];
  /** Security groups of the ESM pollers (`VPC_SECURITY_GROUP`). */
  readonly securityGroupIds: readonly string[];
}

/** Subnets the functions run in (a Camunda reachable only inside a VPC). */
interface FunctionSubnetSettings {
  /** Private subnets (at least two, in different AZs, for availability). */
  readonly subnetIds: readonly string[];
  /** Security groups of the functions' network interfaces (1–5). */
  readonly securityGroupIds: readonly string[];
}

/**
 * What an uploaded BPMN file may ask for; the provisioner refuses a file that
 * asks for more (docs/binding-model.md, "Upload policy").
 */
interface UploadPolicySettings {
  /**
   * Which secret names (`{{secrets.NAME}}`, the users' secret namespace)
   * the bindings of a file may reference: rules selecting processes
   * (`processes`: ids, or prefixes ending with `*`) and/or files (`path`: an
   * S3 key prefix), each with the name prefixes it allows (`""` = every
   * name). A reference no applying rule allows is refused.
   * @default - no policy: any file may reference any secret name
   */
  readonly secretReferences?: readonly SecretReferenceRule[];
  /** Most bindings (alias + ESM each) one file may define. @default 20 */
  readonly maxBindingsPerFile?: number;
  /** Most bindings over every file (and StaticKafkaProcess). @default 200 */
  readonly maxBindingsPerPlatform?: number;
}

/** Typed, documented settings of the kafka-inbound platform (`KafkaInbound`). */
interface KafkaInboundProps {
  /** Camunda connection settings. */
  readonly camunda: CamundaSettings;
  /**
   * Consumer handler entry (TypeScript), relative to the working directory.
   * @default 'functions/consumer.ts'
   */
  readonly consumerEntry?: string;
  /**
   * Provisioner handler entry (TypeScript).
   * @default 'functions/provisioner.ts'
   */
  readonly provisionerEntry?: string;
  /**
   * Key prefix of the BPMN files in the processes bucket.
   * @default 'processes/'
   */
  readonly processesPrefix?: string;
  /**
   * What an uploaded file may ask for: secret names, bindings per file and
   * per platform.
   * @default - any secret name; 20 bindings per file, 200 per platform
   */
  readonly uploadPolicy?: UploadPolicySettings;
  /**
   * Name prefix of every secret the platform creates and reads.
   * @default 'kafka-inbound/'
   */
  readonly secretPrefix?: string;
  /**
   * `provisioned` (partial batch responses, retry policy) or `onDemand`
   * (the handler throws to retry; whole batches are retried).
   * @default 'provisioned'
   */
  readonly esmMode?: EsmMode;
  /** Provisioned-mode pollers. @default { minimumPollers: 1, maximumPollers: 2 } */
  readonly provisionedPollers?: PollerSettings;
  /**
   * ESM retries of a failed batch before the on-failure destination, -1 =
   * until the record expires (strict per-partition blocking).
   * @default -1
   */
  readonly maximumRetryAttempts?: number;
  /** Oldest record the ESM still retries, seconds (60–604800), -1 = no limit. @default -1 */
  readonly maximumRecordAgeInSeconds?: number;
  /**
   * Where the ESM sends records it gives up on: `'deadLetterQueue'` (the
   * stack's DLQ), an SQS/SNS/S3 ARN, or `kafka://<topic>`. Note that any
   * destination caps infinite retries at 10.
   * @default - none (partitions block on a retried record, as in the connector)
   */
  readonly onFailureDestination?: string;
  /** ESM metrics (provisioned mode). @default - none */
  readonly esmMetrics?: readonly EsmMetric[];
  /** Records of one partition in order, or per key in parallel. @default 'partition' */
  readonly ordering?: OrderingMode;
  /** Per-key mode: keys of one partition processed at once. @default 16 */
  readonly keyConcurrency?: number;
  /**
   * MSK clusters the platform knows: a cluster ARN (the provisioner finds
   * its brokers with `GetBootstrapBrokers`), or
   * `<clusterArn>=<broker>|<broker>` to name them (`validate` offline). A
   * binding whose bootstrap servers are a cluster's brokers gets an MSK ESM
   * on that ARN; the consumer role's kafka-cluster statements name the
   * cluster, its topics and groups.
   * @default []
   */
  readonly mskClusterArns?: readonly string[];
  /**
   * Customer managed KMS key (ARN) of the MSK SASL/SCRAM secrets the
   * provisioner creates (`AmazonMSK_<prefix>bindings/…`; MSK refuses
   * secrets under the AWS managed key). Its key policy must allow the
   * account's IAM policies; the provisioner gets GenerateDataKey/Decrypt and
   * the consumer Decrypt, both through Secrets Manager only. Without it a
   * SCRAM binding on MSK is an error at upload.
   * @default - none
   */
  readonly mskScramKeyArn?: string;
  /**
   * Grant the MSK permissions (ESM networking, IAM auth, discovery of
   * clusters by broker host name) on the clusters of `mskClusterArns`; true
   * without cluster ARNs fails the synth (no binding could use a cluster the
   * platform does not know).
   * @default - true when mskClusterArns is not empty
   */
  readonly enableMsk?: boolean;
  /**
   * AWS Glue schema registries (registry ARNs) that bindings name as their
   * `schemaStrategy.schemaRegistryUrl`: the ESM reads them with the consumer
   * role, which gets `glue:GetRegistry` and `glue:GetSchemaVersion` on them.
   * @default []
   */
  readonly glueSchemaRegistryArns?: readonly string[];
  /** VPC settings for private self-managed clusters. @default - none (public brokers) */
  readonly kafkaVpc?: KafkaVpcSettings;
  /**
   * Runs the consumer and the provisioner in these subnets, so that a
   * Camunda inside a VPC (Self-Managed) is reachable. The functions then
   * reach AWS APIs only through a NAT gateway or VPC endpoints (see
   * docs/deploy.md for the list).
   * @default - none (the functions run outside any VPC)
   */
  readonly functionSubnets?: FunctionSubnetSettings;
  /** Log retention of both functions. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Powertools log level. @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Consumer memory, MB. @default 512 */
  readonly consumerMemorySize?: number;
  /** Consumer timeout, seconds (Kafka ESMs allow at most 840). @default 120 */
  readonly consumerTimeoutSeconds?: number;
  /**
   * Bundle the AWS SDK clients instead of taking them from the runtime
   * (pins the SDK version; larger bundles).
   * @default false
   */
  readonly bundleAwsSdk?: boolean;
  /** E-mail address subscribed to the alarm topic. @default - none */
  readonly alarmEmail?: string;
  /**
   * Minutes between two scheduled checks (EventBridge Scheduler) of the
   * older process versions kept active while instances wait on their
   * message elements (docs/operations.md, "Process versions"); whole
   * minutes, 1–1440. A version is deprovisioned after two checks in a row
   * find nothing waiting.
   * @default 5
   */
  readonly versionCheckIntervalMinutes?: number;
  /**
   * Also provision the Kafka processes deployed to Camunda from any tool
   * (Web or Desktop Modeler, c8ctl): each scheduled run searches Camunda's
   * latest process definitions and provisions those with Kafka elements
   * that no bucket file owns (docs/deploy.md, "Deployments made in
   * Camunda").
   * @default false
   */
  readonly discoverDeployments?: boolean;
  /**
   * What happens to the bucket and tables when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly dataRemovalPolicy?: RemovalPolicy;
}

/** Settings of `KafkaInboundStack`: the platform's and the stack's. */
interface KafkaInboundStackProps extends KafkaInboundProps, StackProps {}

/** What a statically declared process needs from the platform stack. */
interface StaticProcessPlatform {
  /** The consumer; each alias points at its current version. */
  readonly consumer: LambdaFunction;
  readonly bindingTable: ITable;
  readonly platform: PlatformSettings;
  readonly bindingDefaults: {
    readonly ordering: OrderingMode;
    readonly keyConcurrency: number;
  };
}

/** Props of a statically declared process (bindings built at synth time). */
interface StaticKafkaProcessProps {
  /** The platform (`KafkaInbound`, its stack, or anything with its consumer, table and settings). */
  readonly inbound: StaticProcessPlatform;
  /** Valid bindings, e.g. from `loadBindingModel` run in app.ts. */
  readonly bindings: readonly Binding[];
  /**
   * Values for the secret references (`{{secrets.NAME}}`, `secrets.NAME`) in
   * the bindings' credentials, by NAME.
   * @default {}
   */
  readonly secretValues?: Readonly<Record<string, SecretValue>>;
  /** Process definition key to record, when known. @default - none */
  readonly processDefinitionKey?: string;
  /**
   * The binding records' `sourceKey`. The provisioner leaves records whose
   * source key starts with `static:` alone.
   * @default `static:<construct path>`
   */
  readonly sourceKey?: string;
  /** The binding records' `updatedAt`. @default - synth time */
  readonly updatedAt?: string;
}

export type {
  CamundaSettings,
  FunctionSubnetSettings,
  KafkaInboundProps,
  KafkaInboundStackProps,
  KafkaVpcSettings,
  PollerSettings,
  StaticKafkaProcessProps,
  StaticProcessPlatform,
  UploadPolicySettings,
};
