import type { Problem } from '../bpmn/types.js';
import { CamundaRequestError } from '../camunda/index.js';
import type { DeploymentSummary } from '../camunda/types.js';
import { deployBinding } from '../platform/index.js';
import { processKey, sourceKey } from '../store/index.js';
import type { SourceRecord } from '../store/types.js';
import { buildProcessStatus } from './buildProcessStatus.js';
import { compareSequencers } from './compareSequencers.js';
import { type ProcessFailure, ProvisioningFailedError } from './errors.js';
import { isProcessObjectKey } from './parseObjectEvents.js';
import { type Prepared, prepareFile } from './prepareFile.js';
import { reconcileProcess } from './reconcileProcess.js';
import { removeProcess } from './removeProcess.js';
import type {
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
          ...(previous?.versions === undefined
            ? {}
            : { versions: previous.versions }),
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

const applySource = async (
  source: SourceRecord,
  current: { text: string; version: string },
  sequencer: string | undefined,
  deps: ProvisionerDependencies
): Promise<ObjectOutcome> => {
  const prepared = await prepareFile(current.text, source.sourceKey, deps);
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
  const deployed = new Map(
    (deployment?.processes ?? []).map((process) => [
      process.processDefinitionId,
      process,
    ])
  );
  const failures: ProcessFailure[] = [];
  for (const processId of prepared.processIds) {
    const version = deployed.get(processId);
    const fresh = (prepared.desiredByProcess.get(processId) ?? []).map(
      (item) => ({
        deployed: deployBinding(
          item.deployed.binding,
          deps.config.defaults,
          version?.processDefinitionKey
        ),
        plan: item.plan,
      })
    );
    try {
      await reconcileProcess(
        {
          processId,
          fresh,
          source: {
            key: source.sourceKey,
            version: current.version,
            ...(sequencer === undefined ? {} : { sequencer }),
          },
          ...(version === undefined
            ? {}
            : {
                latest: {
                  key: version.processDefinitionKey,
                  version: version.processDefinitionVersion,
                },
              }),
          warnings: prepared.warnings,
          secretValues: prepared.secretValues,
          ...(deployment === undefined
            ? {}
            : { deploymentKey: deployment.deploymentKey }),
        },
        deps
      );
      if (deps.config.discoverDeployments) {
        await deps.store.deleteReleased(processId);
      }
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
