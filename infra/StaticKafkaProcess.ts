import { Annotations, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias, CfnEventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { scanSecretReferences } from '../lib/binding/index.js';
import type { Binding } from '../lib/binding/types.js';
import type { DeployedBinding } from '../lib/consumer/types.js';
import { buildEsmPlan, withSecretArns } from '../lib/esm/index.js';
import type { EsmSecretPlan } from '../lib/esm/types.js';
import {
  bindingKey,
  STATIC_SOURCE_PREFIX,
  toBindingItem,
} from '../lib/store/index.js';
import { StaticProcessError } from './errors.js';
import { toItem } from './toAttributeValue.js';
import { toCfnEventSourceMapping } from './toCfnEventSourceMapping.js';
import type { StaticKafkaProcessProps } from './types.js';

/**
 * The name a value references when the value is one secret reference and
 * nothing else (blanks aside), in the binding model's grammar.
 */
const wholeReference = (value: string): string | undefined => {
  const [reference, ...more] = scanSecretReferences(value);
  return reference !== undefined &&
    more.length === 0 &&
    value.trim() === reference.text.trim()
    ? reference.name
    : undefined;
};

/**
 * Binding resources declared at synth time instead of by uploading the BPMN:
 * per binding an alias of the consumer, its per-binding secrets, the ESM
 * (from the same `buildEsmPlan` as the provisioner) and the binding record.
 */
class StaticKafkaProcess extends Construct {
  /** ESMs by binding id. */
  readonly eventSourceMappings: ReadonlyMap<string, CfnEventSourceMapping>;

  constructor(scope: Construct, id: string, props: StaticKafkaProcessProps) {
    super(scope, id);
    const sourceKey =
      props.sourceKey ?? `${STATIC_SOURCE_PREFIX}${this.node.path}`;
    const updatedAt = props.updatedAt ?? new Date().toISOString();
    const mappings = new Map<string, CfnEventSourceMapping>();
    for (const binding of props.bindings) {
      mappings.set(
        binding.id,
        this.addBinding(binding, props, sourceKey, updatedAt)
      );
    }
    this.eventSourceMappings = mappings;
  }

  private addBinding(
    binding: Binding,
    props: StaticKafkaProcessProps,
    sourceKey: string,
    updatedAt: string
  ): CfnEventSourceMapping {
    const { inbound } = props;
    const deployed: DeployedBinding = {
      binding,
      ordering: inbound.bindingDefaults.ordering,
      keyConcurrency: inbound.bindingDefaults.keyConcurrency,
      esmMode: inbound.platform.esmMode,
      ...(props.processDefinitionKey === undefined
        ? {}
        : { processDefinitionKey: props.processDefinitionKey }),
    };
    const plan = buildEsmPlan(deployed, inbound.platform);
    const errors = plan.errors ?? [];
    if (errors.length > 0) {
      throw new StaticProcessError(
        binding.id,
        errors
          .map((error) => `${error.property ?? 'binding'}: ${error.message}`)
          .join('; ')
      );
    }
    const scope = new Construct(this, binding.id);
    for (const warning of plan.warnings) {
      Annotations.of(scope).addWarningV2(
        `kafka-inbound:esm:${warning.property ?? 'binding'}`,
        warning.message
      );
    }
    const secrets = plan.secrets.map((secretPlan) =>
      this.createSecret(scope, binding.id, secretPlan, props.secretValues ?? {})
    );
    const resolved = withSecretArns(
      plan,
      Object.fromEntries(secrets.map((secret) => [secret.name, secret.arn]))
    );
    const alias = new Alias(scope, 'Alias', {
      aliasName: plan.aliasName,
      version: inbound.consumer.currentVersion,
    });
    const esm = new CfnEventSourceMapping(scope, 'EventSourceMapping', {
      ...toCfnEventSourceMapping(resolved.request),
      functionName: alias.functionArn,
    });
    // Lambda checks the role's permissions (secrets, networking) on create.
    esm.node.addDependency(inbound.consumer);
    for (const secret of secrets) {
      esm.node.addDependency(secret.construct);
    }
    const key = bindingKey(binding.id);
    const record = new AwsCustomResource(scope, 'BindingRecord', {
      installLatestAwsSdk: false,
      onUpdate: {
        service: 'DynamoDB',
        action: 'putItem',
        parameters: {
          TableName: inbound.bindingTable.tableName,
          Item: toItem(
            toBindingItem({
              bindingId: binding.id,
              processId: binding.processId,
              revision: binding.revision,
              deployed,
              sourceKey,
              sourceVersion: binding.revision,
              esmUuid: esm.ref,
              esmArn: esm.attrEventSourceMappingArn,
              secretArns: secrets.map((secret) => secret.arn),
              updatedAt,
            })
          ),
        },
        physicalResourceId: PhysicalResourceId.of(key.pk),
      },
      onDelete: {
        service: 'DynamoDB',
        action: 'deleteItem',
        parameters: {
          TableName: inbound.bindingTable.tableName,
          Key: toItem({ ...key }),
        },
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
          resources: [inbound.bindingTable.tableArn],
        }),
      ]),
    });
    this.acknowledgeCustomResourceFunction(record);
    // The record names the ESM, so it is written after it; an ESM needs
    // minutes to start polling, and a batch that finds no binding is retried.
    record.node.addDependency(esm);
    return esm;
  }

  /** The AwsCustomResource's shared function (one per stack). */
  private acknowledgeCustomResourceFunction(record: AwsCustomResource): void {
    const stack = Stack.of(record);
    const singleton = stack.node.tryFindChild(
      // AwsCustomResource's fixed singleton id.
      'AWS679f53fac002430cb0da5b7982bd2287'
    );
    if (singleton === undefined) {
      return;
    }
    Validations.of(singleton).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK’s AwsCustomResource function (writes the static binding records): the managed policy only lets it write its own logs.',
    });
  }

  private createSecret(
    scope: Construct,
    bindingId: string,
    secretPlan: EsmSecretPlan,
    secretValues: Readonly<Record<string, SecretValue>>
  ): { name: string; arn: string; construct: Secret } {
    if (secretPlan.mskScramClusterArn !== undefined) {
      throw new StaticProcessError(
        bindingId,
        'MSK SCRAM secrets need a customer managed key and a cluster association: declare this process by uploading it (the provisioner), or use IAM or TLS authentication.'
      );
    }
    const fields: Record<string, SecretValue> = {};
    for (const [field, value] of Object.entries(secretPlan.fields)) {
      const name = wholeReference(value);
      if (name === undefined) {
        if (value.includes('secrets.')) {
          throw new StaticProcessError(
            bindingId,
            `the ${field} of ${secretPlan.accessType} mixes a secret reference with text; use a whole {{secrets.NAME}} value`
          );
        }
        Annotations.of(scope).addWarningV2(
          'kafka-inbound:static:plaintext-credential',
          `The ${field} of ${secretPlan.accessType} is written in the BPMN; it ends up in the CloudFormation template. Use {{secrets.NAME}} and secretValues instead.`
        );
        fields[field] = SecretValue.unsafePlainText(value);
        continue;
      }
      const secretValue = secretValues[name];
      if (secretValue === undefined) {
        throw new StaticProcessError(
          bindingId,
          `no value for secret reference "${name}" (pass it in secretValues)`
        );
      }
      fields[field] = secretValue;
    }
    const secret = new Secret(scope, `Secret-${secretPlan.accessType}`, {
      secretName: secretPlan.name,
      description: `kafka-inbound ${secretPlan.accessType} for binding ${bindingId}`,
      secretObjectValue: fields,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Kafka credentials are issued by the Kafka cluster’s operators and rotated there; redeploying updates this copy the ESM reads.',
    });
    return { name: secretPlan.name, arn: secret.secretArn, construct: secret };
  }
}

export { StaticKafkaProcess };
