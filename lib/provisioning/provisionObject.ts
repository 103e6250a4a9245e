import { loadBindingModel } from '../binding/index.js';
import type { Problem } from '../bpmn/types.js';
import { CamundaRequestError } from '../camunda/index.js';
import type { DeploymentSummary } from '../camunda/types.js';
import { describeError } from '../common/index.js';
import type { DeployedBinding } from '../consumer/types.js';
import { buildEsmPlan } from '../esm/index.js';
import { processKey, sourceKey } from '../store/index.js';
import type {
  ProcessStatus,
  SourceRecord,
  StatusBinding,
} from '../store/types.js';
import { applyPlan } from './applyPlan.js';
import { buildProcessStatus } from './buildProcessStatus.js';
import { checkBindingCount } from './checkBindingCount.js';
import { checkSecretReferences } from './checkSecretReferences.js';
import { compareSequencers } from './compareSequencers.js';
import { type ProcessFailure, ProvisioningFailedError } from './errors.js';
import { isSecretNameAllowed } from './isSecretNameAllowed.js';
import { isProcessObjectKey } from './parseObjectEvents.js';
import { planReconcile } from './planReconcile.js';
import {
  findReferencedSecrets,
  isStorableSecretName,
  referencedSecretId,
} from './resolveSecretFields.js';
import { stableJson } from './stableJson.js';
import type {
  ActualProcessState,
  DesiredBinding,
  ObjectEvent,
  ObjectOutcome,
  ProvisionerDependencies,
} from './types.js';

const maxSequencer = (
  a: string | undefined,
  b: string | undefined
): string | undefined =>
  a === undefined
    ? b
    : b === undefined
      ? a
      : compareSequencers(a, b) >= 0
        ? a
        : b;

const uniqueProblems = (problems: readonly Problem[]): Problem[] => {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = stableJson(problem);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
};

// Never a value: SDK and Camunda messages do not carry the secrets we send
// (secrets go only into CreateSecret/PutSecretValue, whose errors do not
// echo them), but we keep to the error's name and message, no stack.
const describeFailure = (error: unknown): string =>
  describeError(error, { name: true, other: 'unknown error' });

const fileName = (key: string): string => key.split('/').at(-1) ?? key;

/**
 * Handles one `*.bpmn` object event: serialises work on the file with a
 * lock, skips stale or repeated events, acts on the object's current
 * version (a rejected version changes nothing deployed), deploys it to
 * Camunda, and reconciles each of its processes under that process's lock:
 * aliases, per-binding secrets, ESMs, binding and status records.
 *
 * @param event - the normalized object event
 * @param deps - ports, configuration, clock
 */
const provisionObject = async (
  event: ObjectEvent,
  deps: ProvisionerDependencies
): Promise<ObjectOutcome> => {
  const { config } = deps;
  if (
    event.bucket !== config.bucket ||
    !isProcessObjectKey(event.key, config.processesPrefix)
  ) {
    return { kind: 'skipped', reason: 'not a BPMN file under the prefix' };
  }
  return deps.store.withLock(sourceKey(event.key), async () => {
    const source: SourceRecord = {
      processIds: [],
      ...(await deps.store.getSource(event.key)),
      sourceKey: event.key,
    };
    if (
      event.sequencer !== undefined &&
      source.lastSequencer !== undefined &&
      compareSequencers(event.sequencer, source.lastSequencer) < 0
    ) {
      return { kind: 'skipped', reason: 'a newer event was handled already' };
    }
    const sequencer = maxSequencer(event.sequencer, source.lastSequencer);
    if (event.kind === 'removed') {
      if (await deps.files.exists(event.key)) {
        return { kind: 'skipped', reason: 'the object exists again' };
      }
      return removeSource(source, sequencer, deps);
    }
    const current = await deps.files.readCurrent(event.key);
    if (current.kind === 'missing') {
      // The object is gone since: the current state is "removed".
      return removeSource(source, sequencer, deps);
    }
    if (
      source.lastVersion === current.version &&
      (source.lastOutcome === 'applied' || source.lastOutcome === 'rejected')
    ) {
      if (sequencer !== source.lastSequencer) {
        await deps.store.putSource({
          ...source,
          ...(sequencer === undefined ? {} : { lastSequencer: sequencer }),
        });
      }
      return { kind: 'skipped', reason: 'this version was handled already' };
    }
    if (current.kind === 'tooLarge') {
      return rejectSource(
        source,
        current.version,
        sequencer,
        undefined,
        [
          {
            message: `The file has ${current.bytes} bytes; the provisioner reads at most ${config.maxObjectBytes} bytes.`,
          },
        ],
        deps
      );
    }
    return applySource(source, current, sequencer, deps);
  });
};

/** The bindings and secrets of a valid file, or its problems. */
interface Prepared {
  readonly desiredByProcess: ReadonlyMap<string, DesiredBinding[]>;
  readonly processIds: readonly string[];
  readonly warnings: readonly Problem[];
  readonly errors: readonly Problem[];
  readonly secretValues: ReadonlyMap<string, string>;
}

const deployedOf = (
  binding: DesiredBinding['deployed']['binding'],
  deps: ProvisionerDependencies,
  processDefinitionKey?: string
): DeployedBinding => ({
  binding,
  ordering: deps.config.defaults.ordering,
  keyConcurrency: deps.config.defaults.keyConcurrency,
  esmMode: deps.config.defaults.esmMode,
  ...(deps.config.tenantId === undefined
    ? {}
    : { tenantId: deps.config.tenantId }),
  ...(processDefinitionKey === undefined ? {} : { processDefinitionKey }),
});

/**
 * One owner per process id: a process whose status names another file is
 * refused, unless this file replaces that one — the same S3 key (a new
 * version), or the other file no longer exists (deleted). A process a stack
 * declares (`static:…`) is never taken over.
 */
const checkOwnership = async (
  processIds: readonly string[],
  key: string,
  deps: ProvisionerDependencies
): Promise<Problem[]> => {
  const problems: Problem[] = [];
  for (const processId of processIds) {
    const owner = (await deps.store.getStatus(processId))?.sourceKey;
    if (owner === undefined || owner === key) continue;
    if (owner.startsWith('static:')) {
      problems.push({
        message: `Process ${processId} is declared by the stack (${owner}); an uploaded file cannot take it over (one owner per process id).`,
      });
    } else if (await deps.files.exists(owner)) {
      problems.push({
        message: `Process ${processId} is provisioned from ${owner}; a second file cannot take it over (one owner per process id). Delete ${owner} first (this file then replaces it when uploaded again), or use another process id.`,
      });
    }
  }
  return problems;
};

/**
 * How many bindings other files hold: the consumer's aliases (one per
 * binding, uploaded or declared by a stack) except those of the processes
 * this file owns and those it asks for. Undefined when the platform is
 * clearly within its cap anyway (no store reads needed).
 */
const bindingsElsewhere = async (
  processIds: readonly string[],
  desiredIds: readonly string[],
  key: string,
  deps: ProvisionerDependencies
): Promise<number | undefined> => {
  const aliases = await deps.mappings.listAliasNames();
  const cap = deps.config.uploadPolicy.maxBindingsPerPlatform;
  if (aliases.size + desiredIds.length <= cap) return undefined;
  const own = new Set(desiredIds);
  for (const processId of processIds) {
    const status = await deps.store.getStatus(processId);
    if (status === undefined || status.sourceKey !== key) continue;
    for (const binding of status.bindings) own.add(binding.bindingId);
  }
  return [...aliases].filter((name) => !own.has(name)).length;
};

const prepare = async (
  text: string,
  key: string,
  deps: ProvisionerDependencies
): Promise<Prepared> => {
  let model: Awaited<ReturnType<typeof loadBindingModel>>;
  try {
    model = await loadBindingModel(text, {
      maxBytes: deps.config.maxObjectBytes,
    });
  } catch (error) {
    // loadBindingModel reads nothing but the text: what it throws (a stack
    // overflow on input nobody foresaw) every retry would throw again,
    // while the provisioner (one at a time) kept other uploads waiting.
    return {
      desiredByProcess: new Map(),
      processIds: [],
      warnings: [],
      errors: [
        {
          message: `The file could not be validated (${describeError(error, { name: true })}); nothing is provisioned from it.`,
        },
      ],
      secretValues: new Map(),
    };
  }
  const policy = deps.config.uploadPolicy;
  const disallowed = checkSecretReferences(
    model.bindings,
    key,
    policy.secretReferences
  );
  const errors: Problem[] = [
    ...model.parsed.errors,
    ...model.errors,
    ...disallowed,
  ];
  const warnings: Problem[] = [...model.parsed.warnings, ...model.warnings];
  const processIds = [
    ...new Set([
      ...model.parsed.processes.map((process) => process.id),
      ...model.bindings.map((binding) => binding.processId),
    ]),
  ];
  const desiredByProcess = new Map<string, DesiredBinding[]>(
    processIds.map((id) => [id, []])
  );
  const references = new Map<string, string[]>();
  for (const binding of model.bindings) {
    const deployed = deployedOf(binding, deps);
    const plan = buildEsmPlan(deployed, deps.config.platform);
    const elementId = binding.elements[0]?.elementId;
    const locate = (problem: Problem): Problem =>
      problem.elementId === undefined && elementId !== undefined
        ? { elementId, ...problem }
        : problem;
    warnings.push(...plan.warnings.map(locate));
    errors.push(...(plan.errors ?? []).map(locate));
    desiredByProcess.get(binding.processId)?.push({ deployed, plan });
    for (const secret of plan.secrets) {
      for (const name of findReferencedSecrets(secret.fields)) {
        references.set(name, [...(references.get(name) ?? []), binding.id]);
      }
    }
  }
  // The upload policy: binding caps and one owner per process id.
  errors.push(
    ...checkBindingCount(
      {
        inFile: model.bindings.length,
        elsewhere:
          model.bindings.length === 0
            ? undefined
            : await bindingsElsewhere(
                processIds,
                model.bindings.map((binding) => binding.id),
                key,
                deps
              ),
      },
      policy
    ),
    ...(await checkOwnership(processIds, key, deps))
  );
  const usedBy = (name: string) =>
    [...new Set(references.get(name))].join(', ');
  // A name the policy refuses is never read.
  const refused = new Set(
    model.bindings.flatMap((binding) =>
      binding.secrets.filter(
        (name) =>
          !isSecretNameAllowed(
            policy.secretReferences,
            binding.processId,
            key,
            name
          )
      )
    )
  );
  const storable = [...references.keys()].filter(
    (name) => isStorableSecretName(name) && !refused.has(name)
  );
  const secretValues = await deps.secrets.readReferenced(storable);
  for (const name of references.keys()) {
    if (refused.has(name)) {
      // Reported by checkSecretReferences.
    } else if (!storable.includes(name)) {
      errors.push({
        message: `Secret reference "${name}" (used by ${usedBy(name)}) cannot name a Secrets Manager secret: use ASCII letters, digits and / _ + = . @ - only.`,
      });
    } else if (!secretValues.has(name)) {
      errors.push({
        message: `Secret "${name}" (used by ${usedBy(name)}) does not exist: create the Secrets Manager secret ${referencedSecretId(deps.config.secretPrefix, name)}.`,
      });
    }
  }
  return {
    desiredByProcess,
    processIds,
    warnings: uniqueProblems(warnings),
    errors: uniqueProblems(errors),
    secretValues,
  };
};

/** Processes the file holds now or held before that it still owns. */
const ownedProcessIds = async (
  ids: readonly string[],
  key: string,
  deps: ProvisionerDependencies
): Promise<string[]> => {
  const owned: string[] = [];
  for (const id of ids) {
    const status = await deps.store.getStatus(id);
    if (status === undefined || status.sourceKey === key) {
      owned.push(id);
    }
  }
  return owned;
};

const rejectSource = async (
  source: SourceRecord,
  version: string,
  sequencer: string | undefined,
  prepared: Prepared | undefined,
  errors: readonly Problem[],
  deps: ProvisionerDependencies
): Promise<ObjectOutcome> => {
  const named = [
    ...new Set([...(prepared?.processIds ?? []), ...source.processIds]),
  ];
  const processIds = await ownedProcessIds(named, source.sourceKey, deps);
  for (const processId of processIds) {
    await deps.store.withLock(processKey(processId), async () => {
      const previous = await deps.store.getStatus(processId);
      // Nothing deployed changes: keep listing what is deployed.
      await deps.store.putStatus(
        buildProcessStatus({
          processId,
          sourceKey: source.sourceKey,
          sourceVersion: version,
          ...(sequencer === undefined ? {} : { sequencer }),
          warnings: prepared?.warnings ?? [],
          errors,
          bindings: previous?.bindings ?? [],
          ...(previous?.deploymentKey === undefined
            ? {}
            : { deploymentKey: previous.deploymentKey }),
          ...(previous?.processDefinitionKey === undefined
            ? {}
            : { processDefinitionKey: previous.processDefinitionKey }),
          ...(previous === undefined
            ? {}
            : {
                appliedVersion:
                  previous.appliedVersion ?? previous.sourceVersion,
              }),
          now: deps.now(),
        })
      );
    });
  }
  await deps.store.putSource({
    ...source,
    ...(sequencer === undefined ? {} : { lastSequencer: sequencer }),
    lastVersion: version,
    lastOutcome: 'rejected',
    // Shown by `status` when no process can carry the errors.
    ...(processIds.length === 0
      ? { errors: [...errors] }
      : { errors: undefined }),
    updatedAt: deps.now().toISOString(),
  });
  return { kind: 'rejected', processIds };
};

const readActual = async (
  processId: string,
  desired: readonly DesiredBinding[],
  previous: ProcessStatus | undefined,
  deps: ProvisionerDependencies
): Promise<ActualProcessState> => {
  const esms = await deps.mappings.listProcessEsms(processId);
  const statusIds =
    previous?.bindings.map((binding) => binding.bindingId) ?? [];
  const candidates = new Set<string>([
    ...desired.map((item) => item.plan.bindingId),
    ...statusIds,
    ...esms.flatMap((esm) =>
      esm.bindingId === undefined ? [] : [esm.bindingId]
    ),
  ]);
  const records = [];
  for (const id of candidates) {
    const record = await deps.store.getBinding(id);
    if (record !== undefined && record.processId === processId) {
      records.push(record);
    }
  }
  const aliasNames = await deps.mappings.listAliasNames();
  const owned = new Set([
    ...records.flatMap((record) =>
      record.aliasName === undefined ? [] : [record.aliasName]
    ),
    ...candidates,
  ]);
  return {
    records,
    esms,
    aliases: [...owned].filter((name) => aliasNames.has(name)),
    statusBindingIds: statusIds,
  };
};

const reconcileProcess = async (
  processId: string,
  desired: readonly DesiredBinding[],
  source: { key: string; version: string; sequencer?: string },
  extra: {
    warnings: readonly Problem[];
    secretValues: ReadonlyMap<string, string>;
    deploymentKey?: string;
    processDefinitionKey?: string;
  },
  deps: ProvisionerDependencies
): Promise<void> => {
  await deps.store.withLock(processKey(processId), async () => {
    const previous = await deps.store.getStatus(processId);
    const actual = await readActual(processId, desired, previous, deps);
    const plan = planReconcile(processId, desired, actual);
    const warnings: Problem[] = [...extra.warnings];
    if (previous !== undefined && previous.sourceKey !== source.key) {
      warnings.push({
        message: `The process was provisioned from ${previous.sourceKey} before; ${source.key} now defines it.`,
      });
    }
    let bindings: readonly StatusBinding[] = [];
    let failure: unknown;
    try {
      const result = await applyPlan(plan, {
        mappings: deps.mappings,
        secrets: deps.secrets,
        store: deps.store,
        sourceKey: source.key,
        sourceVersion: source.version,
        secretValues: extra.secretValues,
        now: deps.now,
      });
      bindings = result.bindings;
      warnings.push(...result.warnings);
    } catch (error) {
      failure = error;
    }
    const status = buildProcessStatus({
      processId,
      sourceKey: source.key,
      sourceVersion: source.version,
      ...(source.sequencer === undefined
        ? {}
        : { sequencer: source.sequencer }),
      warnings: uniqueProblems(warnings),
      errors:
        failure === undefined
          ? []
          : [
              {
                message: `Provisioning did not finish and will be retried: ${describeFailure(failure)}`,
              },
            ],
      // After a failure, list everything that may exist so the retry and
      // `status` see it.
      bindings:
        failure === undefined
          ? bindings
          : plan.actions.map((action) => ({
              bindingId: action.bindingId,
              revision:
                action.kind === 'delete'
                  ? ''
                  : action.desired.deployed.binding.revision,
              aliasName: action.bindingId,
              note: `${action.kind} not finished`,
            })),
      ...(extra.deploymentKey === undefined
        ? {}
        : { deploymentKey: extra.deploymentKey }),
      ...(extra.processDefinitionKey === undefined
        ? {}
        : { processDefinitionKey: extra.processDefinitionKey }),
      now: deps.now(),
    });
    await deps.store.putStatus(status);
    if (failure !== undefined) {
      throw failure;
    }
  });
};

const applySource = async (
  source: SourceRecord,
  current: { text: string; version: string },
  sequencer: string | undefined,
  deps: ProvisionerDependencies
): Promise<ObjectOutcome> => {
  const prepared = await prepare(current.text, source.sourceKey, deps);
  if (prepared.errors.length > 0) {
    return rejectSource(
      source,
      current.version,
      sequencer,
      prepared,
      prepared.errors,
      deps
    );
  }
  let deployment: DeploymentSummary | undefined;
  if (deps.camunda !== undefined) {
    try {
      deployment = await deps.camunda.deployResources(
        [{ name: fileName(source.sourceKey), content: current.text }],
        deps.config.tenantId
      );
    } catch (error) {
      if (
        error instanceof CamundaRequestError &&
        error.outcome.kind === 'poison'
      ) {
        return rejectSource(
          source,
          current.version,
          sequencer,
          prepared,
          [
            {
              message: `Camunda did not accept the deployment: ${error.message}`,
            },
          ],
          deps
        );
      }
      throw error;
    }
  }
  const keys = new Map(
    (deployment?.processes ?? []).map((process) => [
      process.processDefinitionId,
      process.processDefinitionKey,
    ])
  );
  const failures: ProcessFailure[] = [];
  for (const processId of prepared.processIds) {
    const processDefinitionKey = keys.get(processId);
    const desired = (prepared.desiredByProcess.get(processId) ?? []).map(
      (item) => {
        const deployed = deployedOf(
          item.deployed.binding,
          deps,
          processDefinitionKey
        );
        return { deployed, plan: item.plan };
      }
    );
    try {
      await reconcileProcess(
        processId,
        desired,
        {
          key: source.sourceKey,
          version: current.version,
          ...(sequencer === undefined ? {} : { sequencer }),
        },
        {
          warnings: prepared.warnings,
          secretValues: prepared.secretValues,
          ...(deployment === undefined
            ? {}
            : { deploymentKey: deployment.deploymentKey }),
          ...(processDefinitionKey === undefined
            ? {}
            : { processDefinitionKey }),
        },
        deps
      );
    } catch (error) {
      failures.push({ processId, error });
    }
  }
  // Processes the file no longer defines.
  const dropped = source.processIds.filter(
    (id) => !prepared.processIds.includes(id)
  );
  for (const processId of await ownedProcessIds(
    dropped,
    source.sourceKey,
    deps
  )) {
    try {
      await removeProcess(processId, deps);
    } catch (error) {
      failures.push({ processId, error });
    }
  }
  if (failures.length > 0) {
    throw new ProvisioningFailedError(failures);
  }
  await deps.store.putSource({
    ...source,
    processIds: prepared.processIds,
    ...(sequencer === undefined ? {} : { lastSequencer: sequencer }),
    lastVersion: current.version,
    lastOutcome: 'applied',
    errors: undefined,
    updatedAt: deps.now().toISOString(),
  });
  return { kind: 'applied', processIds: prepared.processIds };
};

const removeProcess = async (
  processId: string,
  deps: ProvisionerDependencies
): Promise<void> => {
  await deps.store.withLock(processKey(processId), async () => {
    const previous = await deps.store.getStatus(processId);
    const actual = await readActual(processId, [], previous, deps);
    const plan = planReconcile(processId, [], actual);
    await applyPlan(plan, {
      mappings: deps.mappings,
      secrets: deps.secrets,
      store: deps.store,
      sourceKey: previous?.sourceKey ?? '',
      sourceVersion: previous?.sourceVersion ?? '',
      secretValues: new Map(),
      now: deps.now,
    });
    await deps.store.deleteStatus(processId);
  });
};

const removeSource = async (
  source: SourceRecord,
  sequencer: string | undefined,
  deps: ProvisionerDependencies
): Promise<ObjectOutcome> => {
  const processIds = await ownedProcessIds(
    source.processIds,
    source.sourceKey,
    deps
  );
  for (const processId of processIds) {
    await removeProcess(processId, deps);
  }
  // A tombstone: keeps the sequencer so that older events are skipped.
  await deps.store.putSource({
    sourceKey: source.sourceKey,
    processIds: [],
    ...(sequencer === undefined ? {} : { lastSequencer: sequencer }),
    lastVersion: undefined,
    lastOutcome: 'removed',
    errors: undefined,
    updatedAt: deps.now().toISOString(),
  });
  return { kind: 'removed', processIds };
};

export { provisionObject };
