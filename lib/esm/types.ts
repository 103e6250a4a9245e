import type { CreateEventSourceMappingCommandInput } from '@aws-sdk/client-lambda';
import type { Problem } from '../bpmn/types.js';
import type { DeployedBinding, EsmMode } from '../consumer/types.js';

/** Settings of one deployment of the platform (stack props, or local config). */
interface PlatformSettings {
  readonly region: string;
  readonly accountId: string;
  /** Unqualified ARN of the consumer function; each binding gets an alias of it. */
  readonly consumerFunctionArn: string;
  /** MSK clusters the platform knows, matched against a binding's bootstrap servers. */
  readonly mskClusters: readonly {
    readonly arn: string;
    readonly bootstrapServers: readonly string[];
  }[];
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
  readonly vpc?: {
    readonly subnetIds: readonly string[];
    readonly securityGroupIds: readonly string[];
  };
  /** Name prefix of the per-binding secrets (`kafka-inbound/`). */
  readonly secretPrefix: string;
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
}

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
}

export type { EsmPlan, EsmSecretPlan, PlatformSettings, DeployedBinding };
