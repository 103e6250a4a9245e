import type { CreateEventSourceMappingCommandInput } from '@aws-sdk/client-lambda';
import type { Binding } from '../../../lib/binding/types.js';
import type { EsmPlan, EsmSecretPlan } from '../../../lib/esm/types.js';
import type {
  ActualEsm,
  DesiredBinding,
  StoredBinding,
} from '../../../lib/provisioning/index.js';
import {
  bindingFactory,
  deployedBindingFactory,
  deployedFactory,
  elementFactory,
} from './binding.js';

interface BindingOptions {
  readonly id?: string;
  readonly processId?: string;
  readonly revision?: string;
  readonly topic?: string;
  readonly groupId?: string;
  readonly servers?: readonly string[];
  readonly batchSize?: number;
  readonly startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  readonly secrets?: readonly EsmSecretPlan[];
  /** The ESM's schema registry URL (SOURCE format); absent = none. */
  readonly registryUrl?: string;
}

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:consumer';

/** The provisioning tests' binding: process `order`, message start event `Start`. */
const bindingOf = (options: BindingOptions): Binding =>
  bindingFactory({
    id: options.id ?? 'order-start',
    revision: options.revision ?? 'r1',
    processId: options.processId ?? 'order',
    elements: [
      elementFactory({
        elementId: 'Start',
        kind: 'messageStartEvent',
        messageName: 'order',
      }),
    ],
    kafka: {
      bootstrapServers: options.servers ?? ['broker-1:9092'],
      topic: options.topic ?? 'orders',
      groupId: options.groupId ?? 'order-group',
      groupIdSource: 'groupId',
      autoOffsetReset: 'earliest',
    },
  });

const requestOf = (
  binding: Binding,
  options: BindingOptions
): CreateEventSourceMappingCommandInput => ({
  FunctionName: `${FUNCTION_ARN}:${binding.id}`,
  SelfManagedEventSource: {
    Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [...binding.kafka.bootstrapServers] },
  },
  SelfManagedKafkaEventSourceConfig: {
    ConsumerGroupId: binding.kafka.groupId,
    ...(options.registryUrl === undefined
      ? {}
      : {
          SchemaRegistryConfig: {
            SchemaRegistryURI: options.registryUrl,
            EventRecordFormat: 'SOURCE',
          },
        }),
  },
  Topics: [binding.kafka.topic],
  StartingPosition: options.startingPosition ?? 'TRIM_HORIZON',
  Enabled: true,
  ...(options.batchSize === undefined ? {} : { BatchSize: options.batchSize }),
  ...(options.secrets === undefined || options.secrets.length === 0
    ? {}
    : {
        SourceAccessConfigurations: options.secrets.map((secret) => ({
          Type: secret.accessType,
          URI: `secret:${secret.name}`,
        })),
      }),
  FunctionResponseTypes: ['ReportBatchItemFailures'],
  Tags: {
    'kafka-inbound:process-id': binding.processId,
    'kafka-inbound:binding-id': binding.id,
    'kafka-inbound:revision': binding.revision,
  },
});

/**
 * A desired binding with a request shaped like buildEsmPlan's.
 */
const desiredBinding = (options: BindingOptions = {}): DesiredBinding => {
  const binding = bindingOf(options);
  const deployed = deployedFactory(binding, { keyConcurrency: 16 });
  const plan: EsmPlan = {
    bindingId: binding.id,
    aliasName: binding.id,
    request: requestOf(binding, options),
    secrets: options.secrets ?? [],
    warnings: [],
    errors: [],
  };
  return { deployed, plan };
};

/**
 * The ESM Lambda would report for a desired binding.
 */
const esmFor = (
  desired: DesiredBinding,
  overrides: Partial<ActualEsm> = {}
): ActualEsm => {
  const request = desired.plan.request;
  return {
    uuid: `uuid-${desired.plan.bindingId}`,
    state: 'Enabled',
    functionArn: request.FunctionName,
    bindingId: desired.plan.bindingId,
    processId: desired.deployed.binding.processId,
    topics: request.Topics,
    bootstrapServers:
      request.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS,
    startingPosition: request.StartingPosition,
    consumerGroupId: request.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId,
    ...overrides,
  };
};

/**
 * The binding-store item written after applying a desired binding.
 */
const recordFor = (
  desired: DesiredBinding,
  overrides: Partial<StoredBinding> = {}
): StoredBinding => ({
  bindingId: desired.plan.bindingId,
  processId: desired.deployed.binding.processId,
  revision: desired.deployed.binding.revision,
  deployed: desired.deployed,
  sourceKey: 'processes/order.bpmn',
  sourceVersion: 'v1',
  aliasName: desired.plan.aliasName,
  esmUuid: `uuid-${desired.plan.bindingId}`,
  secretArns: [],
  secretNames: desired.plan.secrets.map((secret) => secret.name),
  esmRequest: desired.plan.request,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/**
 * The AWS adapter tests' binding-table item: {@link deployedBindingFactory}'s
 * binding with its ESM and one secret.
 */
const storedBindingFactory = (): StoredBinding => {
  const deployed = deployedBindingFactory();
  return {
    bindingId: deployed.binding.id,
    processId: deployed.binding.processId,
    revision: deployed.binding.revision,
    deployed,
    sourceKey: 'processes/order.bpmn',
    sourceVersion: 'v1',
    esmUuid: 'a1b2c3',
    esmArn: 'arn:aws:lambda:eu-west-1:123456789012:event-source-mapping:a1b2c3',
    secretArns: ['arn:aws:secretsmanager:eu-west-1:1:secret:x'],
    updatedAt: '2026-11-26T00:00:00.000Z',
  };
};

export type { BindingOptions };
export { desiredBinding, esmFor, recordFor, storedBindingFactory };
