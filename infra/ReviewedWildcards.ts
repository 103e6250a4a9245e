import { type IAspect, Validations } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { secretNamespace } from '../lib/esm/index.js';

/** One reviewed kind of IAM wildcard and why it is needed. */
interface ReviewedWildcard {
  /**
   * Names the wildcard at its grant sites: each statement that carries it has
   * a `// wildcard(<id>): <reason>` comment next to it in infra/ (checked by
   * test/infra/iam.test.ts).
   */
  readonly id: string;
  /** Matches cdk-nag's finding (`Action::…` or `Resource::…`). */
  readonly finding: RegExp;
  readonly reason: string;
}

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 findings (wildcards) on the
 * stack's IAM policies that match a reviewed pattern, each with its reason.
 * Findings are computed by cdk-nag's own rule, so region and logical ids
 * need not be spelled out; a new wildcard nobody reviewed stays a finding
 * and fails the synth.
 */
class ReviewedWildcards implements IAspect {
  readonly #reviewed: readonly ReviewedWildcard[];

  constructor(reviewed: readonly ReviewedWildcard[]) {
    this.#reviewed = reviewed;
  }

  visit(node: IConstruct): void {
    if (!(node instanceof CfnPolicy)) {
      return;
    }
    const findings = rules.iam.IAMNoWildcardPermissions(node);
    if (!Array.isArray(findings)) {
      return;
    }
    for (const finding of findings) {
      const reviewed = this.#reviewed.find((entry) =>
        entry.finding.test(finding)
      );
      if (reviewed !== undefined) {
        Validations.of(node).acknowledge({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: reviewed.reason,
        });
      }
    }
  }
}

// ARN parts as cdk-nag flattens them: tokens or literal values.
const PARTITION = '(?:<AWS::Partition>|aws[a-z-]*)';
const REGION = '(?:<AWS::Region>|[a-z0-9-]+)';
const ACCOUNT = '(?:<AWS::AccountId>|\\d{12})';

// A logical id of KafkaInbound's resource: the construct's own id first
// when it is not `Default` (a user's stack), then CDK's 8-digit hash.
const OWN_ID = '[A-Za-z0-9]*';
const HASH = '[0-9A-F]{8}';

/** Escapes text for use inside a RegExp. */
const literal = (text: string): string =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The wildcards kafka-inbound's own policies need, with their reasons.
 *
 * @param secretPrefix - name prefix of the platform's secrets
 */
const kafkaInboundWildcards = (
  secretPrefix: string
): readonly ReviewedWildcard[] => [
  {
    id: 'dlq-data-key',
    finding: /^Action::kms:(GenerateDataKey|ReEncrypt)\*$/,
    reason:
      'CDK’s KMS grant for the encrypted dead-letter queue: GenerateDataKey*/ReEncrypt* on the platform’s one data key only.',
  },
  {
    id: 'processes-read-actions',
    finding: /^Action::s3:(GetBucket|GetObject|List)\*$/,
    reason:
      'CDK’s read grant on the processes bucket (object versions included) for the provisioner.',
  },
  {
    id: 'processes-objects',
    finding: new RegExp(
      `^Resource::<${OWN_ID}ProcessesBucket${HASH}\\.Arn>/.*\\*$`
    ),
    reason:
      'The provisioner reads any BPMN file under the processes prefix; file names are chosen by users.',
  },
  {
    id: 'consumer-aliases',
    finding: new RegExp(`^Resource::<${OWN_ID}Consumer${HASH}\\.Arn>:\\*$`),
    reason:
      'Aliases of the consumer function, one per binding, named at run time by the provisioner.',
  },
  {
    id: 'binding-secrets',
    finding: new RegExp(
      `^Resource::arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:(AmazonMSK_)?${literal(secretNamespace(secretPrefix, 'bindings'))}\\*$`
    ),
    reason:
      'Per-binding Kafka secrets are created at run time under <prefix>bindings/ (MSK SCRAM secrets must start with AmazonMSK_); the provisioner writes them, the ESM reads them with the consumer role.',
  },
  {
    id: 'user-secrets',
    finding: new RegExp(
      `^Resource::arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:${literal(secretNamespace(secretPrefix, 'users'))}\\*$`
    ),
    reason:
      'The secrets BPMN files reference as {{secrets.NAME}}, named by their users under <prefix>secrets/: the provisioner reads them, nothing writes them.',
  },
  {
    id: 'destination-objects',
    finding: /^Resource::arn:[a-z-]+:s3:::[a-z0-9.-]+\/\*$/,
    reason:
      'Objects of the S3 on-failure destination: the ESM names each object it writes for a discarded batch.',
  },
  {
    id: 'glue-schemas',
    finding: new RegExp(
      `^Resource::arn:${PARTITION}:glue:${REGION}:${ACCOUNT}:schema/[^/]+/\\*$`
    ),
    reason:
      'Schemas of the Glue registries named in glueSchemaRegistryArns; their names are chosen by the producers that register them. The ESM reads them with the consumer role.',
  },
  {
    id: 'esm-arns',
    finding: new RegExp(
      `^Resource::arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:event-source-mapping:\\*$`
    ),
    reason:
      'ESM ARNs carry UUIDs assigned at creation: update and delete are limited by the lambda:FunctionArn condition to the consumer and its aliases, tagging to the platform’s tag keys; Get and ListTags only read.',
  },
  {
    id: 'msk-resources',
    finding: new RegExp(
      `^Resource::arn:${PARTITION}:kafka:${REGION}:${ACCOUNT}:(topic|group)/[^*]+/\\*$`
    ),
    reason:
      'The topics and consumer groups of the configured MSK clusters the ESMs read (named by the BPMN files); never a cluster wildcard, since enableMsk without cluster ARNs fails the synth.',
  },
  {
    id: 'unscoped-actions',
    finding: /^Resource::\*$/,
    reason:
      'Actions without resource-level scoping: lambda:CreateEventSourceMapping (limited by the lambda:FunctionArn condition), lambda:ListEventSourceMappings, EC2 network interfaces of ESM pollers.',
  },
];

export type { ReviewedWildcard };
export { kafkaInboundWildcards, ReviewedWildcards };
