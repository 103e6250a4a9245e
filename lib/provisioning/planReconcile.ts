import type { CreateEventSourceMappingCommandInput } from '@aws-sdk/client-lambda';
import { UpdatableEsmFields } from './constants.js';
import { stableJson } from './stableJson.js';
import type {
  ActualEsm,
  ActualProcessState,
  BindingAction,
  DeleteAction,
  DesiredBinding,
  ReconcilePlan,
  StoredBinding,
} from './types.js';

/** The create-only identity of an ESM; absent members are unknown. */
interface CreateOnlyView {
  readonly EventSourceArn?: string;
  readonly SelfManagedEventSource?: string;
  readonly Topics?: string;
  readonly StartingPosition?: string;
  readonly StartingPositionTimestamp?: string;
  readonly ConsumerGroupId?: string;
  /**
   * The schema registry settings (`null` for none). Replaced, not updated:
   * the record format the consumer reads changes with them, and a mapping
   * must never deliver in a format its binding does not expect.
   */
  readonly SchemaRegistryConfig?: string;
}

const sortedList = (
  items: readonly string[] | undefined
): string | undefined =>
  items === undefined
    ? undefined
    : [...items]
        .map((item) => item.trim())
        .sort()
        .join(',');

const timestampOf = (value: Date | undefined): string | undefined =>
  value === undefined ? undefined : new Date(value).toISOString();

const requestView = (
  request: CreateEventSourceMappingCommandInput
): CreateOnlyView => ({
  // Both sources are part of the identity: switching between MSK and
  // self-managed shows as a change of both.
  EventSourceArn: request.EventSourceArn ?? '',
  SelfManagedEventSource:
    sortedList(
      request.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS
    ) ?? '',
  Topics: sortedList(request.Topics),
  StartingPosition: request.StartingPosition,
  StartingPositionTimestamp: timestampOf(request.StartingPositionTimestamp),
  ConsumerGroupId:
    request.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId ??
    request.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId,
  SchemaRegistryConfig: stableJson(
    request.SelfManagedKafkaEventSourceConfig?.SchemaRegistryConfig ??
      request.AmazonManagedKafkaEventSourceConfig?.SchemaRegistryConfig ??
      null
  ),
});

const esmView = (esm: ActualEsm): CreateOnlyView => {
  const known =
    esm.eventSourceArn !== undefined || esm.bootstrapServers !== undefined;
  return {
    EventSourceArn: known ? (esm.eventSourceArn ?? '') : undefined,
    SelfManagedEventSource: known
      ? (sortedList(esm.bootstrapServers) ?? '')
      : undefined,
    Topics: sortedList(esm.topics),
    StartingPosition: esm.startingPosition,
    ConsumerGroupId: esm.consumerGroupId,
  };
};

/**
 * Create-only fields whose desired value differs from the ESM's. A field the
 * ESM does not report is compared with the request last applied, if any.
 */
const createOnlyChanges = (
  desired: CreateEventSourceMappingCommandInput,
  esm: ActualEsm,
  applied: CreateEventSourceMappingCommandInput | undefined
): string[] => {
  const wanted = requestView(desired);
  const live = esmView(esm);
  const before = applied === undefined ? undefined : requestView(applied);
  const changes: string[] = [];
  for (const field of Object.keys(wanted) as (keyof CreateOnlyView)[]) {
    const current = live[field] ?? before?.[field];
    const next = wanted[field];
    // An unset desired value (no timestamp, default group) is no change.
    if (current === undefined || next === undefined) {
      continue;
    }
    if (current !== next) {
      changes.push(field);
    }
  }
  return changes;
};

/** Updatable fields whose value differs between two requests. */
const updatableChanges = (
  desired: CreateEventSourceMappingCommandInput,
  applied: CreateEventSourceMappingCommandInput | undefined
): string[] =>
  UpdatableEsmFields.filter((field) =>
    applied === undefined
      ? desired[field] !== undefined
      : stableJson(desired[field]) !== stableJson(applied[field])
  );

const secretNamesOf = (desired: DesiredBinding): string[] => [
  ...desired.plan.secrets.map((secret) => secret.name),
  ...(desired.keptSecrets?.keys() ?? []),
];

const recordDiffers = (
  record: StoredBinding | undefined,
  desired: DesiredBinding
): boolean =>
  record === undefined ||
  record.revision !== desired.deployed.binding.revision ||
  stableJson(record.deployed) !== stableJson(desired.deployed) ||
  stableJson(record.esmRequest) !== stableJson(desired.plan.request) ||
  stableJson(record.versionKeys) !== stableJson(desired.versionKeys);

const planBinding = (
  desired: DesiredBinding,
  actual: ActualProcessState
): BindingAction => {
  const bindingId = desired.plan.bindingId;
  const record = actual.records.find((item) => item.bindingId === bindingId);
  const esms = actual.esms.filter((esm) => esm.bindingId === bindingId);
  const live = esms.filter((esm) => esm.state !== 'Deleting');
  const chosen = live.find((esm) => esm.uuid === record?.esmUuid) ?? live.at(0);
  const wantedSecrets = new Set(secretNamesOf(desired));
  const base = {
    bindingId,
    desired,
    createAlias: !actual.aliases.includes(desired.plan.aliasName),
    recordChanged: recordDiffers(record, desired),
    obsoleteSecretNames: (record?.secretNames ?? []).filter(
      (name) => !wantedSecrets.has(name)
    ),
    extraEsmUuids: esms.filter((esm) => esm !== chosen).map((esm) => esm.uuid),
  };
  if (chosen === undefined) {
    return { kind: 'create', ...base };
  }
  // The request last applied describes `chosen` only if the record names it.
  const applied =
    record?.esmUuid === chosen.uuid ? record.esmRequest : undefined;
  const createOnly = createOnlyChanges(desired.plan.request, chosen, applied);
  if (createOnly.length > 0) {
    return {
      kind: 'replace',
      ...base,
      esm: chosen,
      changedFields: createOnly,
    };
  }
  const updatable = updatableChanges(desired.plan.request, applied);
  if (updatable.length > 0) {
    return {
      kind: 'update',
      ...base,
      esm: chosen,
      changedFields: updatable,
      ...(applied === undefined ? {} : { previousRequest: applied }),
    };
  }
  return { kind: 'keep', ...base, esm: chosen };
};

const planDeletes = (
  wanted: ReadonlySet<string>,
  actual: ActualProcessState
): DeleteAction[] => {
  const ids = new Set<string>([
    ...actual.records.map((record) => record.bindingId),
    ...actual.esms.flatMap((esm) =>
      esm.bindingId === undefined ? [] : [esm.bindingId]
    ),
    ...actual.aliases,
    ...(actual.statusBindingIds ?? []),
  ]);
  return [...ids]
    .filter((id) => !wanted.has(id))
    .sort()
    .map((bindingId) => {
      const record = actual.records.find(
        (item) => item.bindingId === bindingId
      );
      const aliasName = record?.aliasName ?? bindingId;
      return {
        kind: 'delete',
        bindingId,
        esmUuids: actual.esms
          .filter((esm) => esm.bindingId === bindingId)
          .map((esm) => esm.uuid),
        ...(actual.aliases.includes(aliasName) ? { aliasName } : {}),
        secretNames: record?.secretNames ?? [],
        hasRecord: record !== undefined,
      };
    });
};

const ORDER: Readonly<Record<BindingAction['kind'], number>> = {
  delete: 0,
  replace: 1,
  update: 2,
  keep: 3,
  create: 4,
};

/**
 * Compares the bindings a process should have with what exists and returns
 * the actions that make them equal: deletes first (they free topics and
 * consumer groups), then replacements, updates, unchanged bindings and
 * creations.
 *
 * @param processId - the BPMN process id
 * @param desired - the bindings of the new file version, with their ESM plans
 * @param actual - records, tagged ESMs and aliases of the process
 * @example
 * ```ts
 * const plan = planReconcile('order', desired, await readActual('order'));
 * for (const action of plan.actions) await apply(action);
 * ```
 */
const planReconcile = (
  processId: string,
  desired: readonly DesiredBinding[],
  actual: ActualProcessState
): ReconcilePlan => {
  const wanted = new Set(desired.map((item) => item.plan.bindingId));
  const actions: BindingAction[] = [
    ...planDeletes(wanted, actual),
    ...desired.map((item) => planBinding(item, actual)),
  ];
  actions.sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] || a.bindingId.localeCompare(b.bindingId)
  );
  return { processId, actions };
};

export { planReconcile };
