import type {
  CreateEventSourceMappingCommandInput,
  SourceAccessConfiguration,
} from '@aws-sdk/client-lambda';
import type { Problem } from '../bpmn/types.js';
import type { DeployedBinding, EsmMode } from '../consumer/types.js';

/** Metrics an ESM can publish (`MetricsConfig.Metrics`). */
type EsmMetric = 'EventCount' | 'ErrorCount' | 'KafkaMetrics';

/** How clients can authenticate to an MSK cluster (its listeners). */
type MskAuthentication = 'iam' | 'scram' | 'tls' | 'plaintext';

/** An Amazon MSK cluster the platform knows. */
interface MskCluster {
  /** `arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>`. */
  readonly arn: string;
  /**
   * `host:port` of its brokers on every listener, from `GetBootstrapBrokers`
   * (or given as `arn=broker|broker`). Empty: not known yet — the
   * provisioner discovers them before it maps a binding.
   */
  readonly bootstrapServers: readonly string[];
  /** The listeners it has, when discovered; absent when not known. */
  readonly authentication?: readonly MskAuthentication[];
}

/** Settings of one deployment of the platform (stack props, or local config). */
interface PlatformSettings {
  readonly region: string;
  readonly accountId: string;
  /** Unqualified ARN of the consumer function; each binding gets an alias of it. */
  readonly consumerFunctionArn: string;
  /** MSK clusters the platform knows, matched against a binding's bootstrap servers. */
  readonly mskClusters: readonly MskCluster[];
  /**
   * Customer managed KMS key that MSK SASL/SCRAM secrets are encrypted with
   * (MSK accepts no other). Absent: MSK SCRAM bindings are an error.
   */
  readonly mskScramKeyArn?: string;
  readonly esmMode: EsmMode;
  readonly provisionedPollers?: {
    readonly minimumPollers: number;
    readonly maximumPollers: number;
    readonly pollerGroupName?: string;
  };
  /** -1 = infinite (ESM default). */
  readonly maximumRetryAttempts: number;
  /** -1 = infinite (ESM default). */
  readonly maximumRecordAgeInSeconds: number;
  /** SQS/SNS/S3 ARN or `kafka://topic` for records the ESM gives up on. */
  readonly onFailureDestination?: string;
  /**
   * Whether `onFailureDestination` is a reference that CloudFormation
   * resolves at deploy time (the stack's own DLQ at synth), so its format
   * cannot be checked yet.
   */
  readonly onFailureDestinationResolvedAtDeploy?: boolean;
  readonly vpc?: {
    readonly subnetIds: readonly string[];
    readonly securityGroupIds: readonly string[];
  };
  /** Name prefix of the per-binding secrets (`kafka-inbound/`). */
  readonly secretPrefix: string;
  /**
   * ESM metrics to publish (provisioned mode only; `KafkaMetrics` gives the
   * lag metrics the dashboard shows). Absent or empty = none.
   */
  readonly esmMetrics?: readonly EsmMetric[];
  /** ESM system log level (provisioned mode only). Absent = no ESM logs. */
  readonly esmLogLevel?: 'DEBUG' | 'INFO' | 'WARN';
}

/**
 * A per-binding Secrets Manager secret in the format the ESM expects. Field
 * values are as written in the BPMN: literals or secret references that the
 * provisioner resolves before it writes the secret.
 */
interface EsmSecretPlan {
  readonly name: string;
  readonly accessType:
    | 'BASIC_AUTH'
    | 'SASL_SCRAM_256_AUTH'
    | 'SASL_SCRAM_512_AUTH'
    | 'CLIENT_CERTIFICATE_TLS_AUTH'
    | 'SERVER_ROOT_CA_CERTIFICATE';
  readonly fields: Readonly<Record<string, string>>;
  /**
   * MSK SCRAM secrets must be encrypted with a customer managed KMS key and
   * associated with the cluster (`kafka:BatchAssociateScramSecret`).
   */
  readonly mskScramClusterArn?: string;
  /** The customer managed key the secret must be encrypted with. */
  readonly kmsKeyArn?: string;
}

/** Where the ESM reads from, as decided by the MSK rule (see docs/esm-mapping.md). */
type EsmEventSource =
  | {
      readonly kind: 'msk';
      readonly clusterArn: string;
      /** The cluster's listeners, when discovered. */
      readonly authentication?: readonly MskAuthentication[];
    }
  | { readonly kind: 'selfManaged' };

/** Everything needed to create the ESM of one binding. */
interface EsmPlan {
  readonly bindingId: string;
  /** Alias of the consumer function that the ESM targets (= binding id). */
  readonly aliasName: string;
  /**
   * The CreateEventSourceMapping request. Secret ARNs are not known before the
   * secrets exist: `SourceAccessConfigurations` URIs hold `secret:<name>`
   * placeholders that `withSecretArns` replaces.
   */
  readonly request: CreateEventSourceMappingCommandInput;
  readonly secrets: readonly EsmSecretPlan[];
  /** Consumer properties the ESM cannot honour, each named. */
  readonly warnings: readonly Problem[];
  /**
   * Problems that make the request unusable (the ESM would be rejected or
   * could never connect). A plan with errors must not be sent.
   */
  readonly errors?: readonly Problem[];
  /** MSK cluster or self-managed servers. */
  readonly eventSource?: EsmEventSource;
}

/** How the ESM treats one Kafka consumer property. */
type EsmPropertyClass = 'mapped' | 'irrelevant' | 'notHonoured';

/** One row of the property → ESM table (docs/esm-mapping.md and classification). */
interface EsmPropertyRow {
  /** Kafka client property, or a `prefix.*` pattern, or a binding field. */
  readonly property: string;
  readonly class: EsmPropertyClass;
  /** The request field it becomes, when mapped. */
  readonly esmField?: string;
  /** Why, in one sentence. */
  readonly note: string;
  /**
   * Irrelevant only while the value equals this default (the connector sets
   * it); any other value is not honoured.
   */
  readonly irrelevantWhenEquals?: string;
}

/** The class of each client property, and a warning per one not honoured. */
interface PropertyClassification {
  readonly classes: Readonly<Record<string, EsmPropertyClass>>;
  readonly warnings: readonly Problem[];
}

/** Access configurations of one binding and the secrets they reference. */
interface SourceAccess {
  readonly configurations: SourceAccessConfiguration[];
  readonly secrets: EsmSecretPlan[];
  readonly warnings: Problem[];
  readonly errors: Problem[];
}

export type {
  DeployedBinding,
  EsmEventSource,
  EsmMetric,
  EsmPlan,
  EsmPropertyClass,
  EsmPropertyRow,
  EsmSecretPlan,
  MskAuthentication,
  MskCluster,
  PlatformSettings,
  PropertyClassification,
  SourceAccess,
};
