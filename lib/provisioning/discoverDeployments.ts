import type { ProcessDefinitionSummary } from '../camunda/types.js';
import { deployBinding } from '../platform/index.js';
import { processKey, STATIC_SOURCE_PREFIX } from '../store/index.js';
import type { ProcessStatus } from '../store/types.js';
import { VersionDefaults } from '../versions/index.js';
import { buildProcessStatus } from './buildProcessStatus.js';
import { describeFailure } from './describeFailure.js';
import { prepareFile } from './prepareFile.js';
import { reconcileProcess } from './reconcileProcess.js';
import { removeProcess } from './removeProcess.js';
import type {
  DiscoveryMemo,
  DiscoveryReport,
  ProvisionerDependencies,
} from './types.js';

/** The `sourceKey` of a process Camunda owns. */
const camundaSourceKey = (processId: string): string => `camunda:${processId}`;

/** Every latest active definition, or undefined when a page failed. */
const readLatest = async (
  deps: ProvisionerDependencies
): Promise<ProcessDefinitionSummary[]> => {
  const versions = deps.versions;
  if (versions === undefined) {
    throw new Error('no Camunda client (DEPLOY_TO_CAMUNDA=false)');
  }
  const found: ProcessDefinitionSummary[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await versions.searchLatestProcessDefinitions({
      limit: VersionDefaults.pageSize,
      ...(after === undefined ? {} : { after }),
      ...(deps.config.tenantId === undefined
        ? {}
        : { tenantId: deps.config.tenantId }),
    });
    found.push(...page.items);
    if (page.items.length < VersionDefaults.pageSize || !page.endCursor) {
      return found;
    }
    after = page.endCursor;
  }
};

/**
 * Provisions one latest definition the way an upload provisions a file:
 * its XML is read and checked, the process's bindings (and those its older
 * versions still need) reconciled, the status written with owner Camunda.
 * A definition with errors changes nothing deployed; its status says why.
 */
const provisionDefinition = async (
  definition: ProcessDefinitionSummary,
  status: ProcessStatus | undefined,
  memo: DiscoveryMemo,
  deps: ProvisionerDependencies
): Promise<DiscoveryReport | undefined> => {
  const processId = definition.processDefinitionId;
  const key = definition.processDefinitionKey;
  const xml = await (deps.versions?.getProcessDefinitionXml(key) ?? '');
  const prepared = await prepareFile(xml, camundaSourceKey(processId), deps);
  if (!prepared.kafkaProcessIds.has(processId)) {
    memo.add(key);
    // A process Camunda owns lost its Kafka elements: its older versions
    // stay while instances wait, as after an upload.
    if (status === undefined) return undefined;
  }
  const report = { processId, processDefinitionKey: key };
  // The XML is the resource as deployed: its errors (any process's) reject
  // it, as they reject an uploaded file.
  const errors = prepared.errors;
  if (errors.length > 0) {
    await deps.store.withLock(processKey(processId), async () => {
      const previous = await deps.store.getStatus(processId);
      await deps.store.putStatus(
        buildProcessStatus({
          processId,
          sourceKey: camundaSourceKey(processId),
          sourceVersion: key,
          warnings: prepared.warnings,
          errors,
          bindings: previous?.bindings ?? [],
          ...(previous?.processDefinitionKey === undefined
            ? {}
            : {
                processDefinitionKey: previous.processDefinitionKey,
                appliedVersion: previous.processDefinitionKey,
              }),
          owner: 'camunda',
          ...(previous?.versions === undefined
            ? {}
            : { versions: previous.versions }),
          now: deps.now(),
        })
      );
    });
    return {
      ...report,
      outcome: 'rejected',
      reason: errors.map((problem) => problem.message).join('; '),
    };
  }
  const desired = prepared.desiredByProcess.get(processId) ?? [];
  for (const item of desired) {
    const record = await deps.store.getBinding(item.plan.bindingId);
    if (record?.sourceKey.startsWith(STATIC_SOURCE_PREFIX)) {
      // Declared in CDK (StaticKafkaProcess): the stack owns the process.
      memo.add(key);
      return {
        ...report,
        outcome: 'bucketOwned',
        reason: `binding ${record.bindingId} is declared in CDK (${record.sourceKey}); the stack owns the process`,
      };
    }
  }
  const fresh = desired.map((item) => ({
    deployed: deployBinding(item.deployed.binding, deps.config.defaults, key),
    plan: item.plan,
  }));
  await reconcileProcess(
    {
      processId,
      fresh,
      source: { key: camundaSourceKey(processId), version: key },
      latest: { key, version: definition.version },
      warnings: prepared.warnings,
      secretValues: prepared.secretValues,
      owner: 'camunda',
    },
    deps
  );
  return { ...report, outcome: 'provisioned' };
};

/**
 * Discovery of deployments made in Camunda (stack prop
 * `discoverDeployments`): searches Camunda's latest active process
 * definitions (`POST /v2/process-definitions/search`, paged) and
 * provisions each new one with Kafka elements from its XML
 * (`GET /v2/process-definitions/{key}/xml`) exactly as an upload does.
 * One owner per process: a process a bucket file defines is left alone
 * (the bucket is the primary path; an upload takes a discovered process
 * over), and the version a deleted file released is not taken up again
 * (a newer deployment is). A process Camunda owns whose definitions are
 * all gone (deleted in Camunda) is deprovisioned. When the search fails
 * nothing is concluded: no process is deprovisioned.
 *
 * @param deps - ports, configuration, clock and observer
 * @param memo - keys of definitions known to have no Kafka element
 * @returns one report per process acted on (or left to its bucket file)
 */
const discoverDeployments = async (
  deps: ProvisionerDependencies,
  memo: DiscoveryMemo
): Promise<DiscoveryReport[]> => {
  const reports: DiscoveryReport[] = [];
  const report = (item: DiscoveryReport): void => {
    deps.observer?.onDiscovery?.(item);
    reports.push(item);
  };
  let latest: ProcessDefinitionSummary[];
  try {
    latest = await readLatest(deps);
  } catch (error) {
    report({
      processId: '*',
      outcome: 'failed',
      reason: `the process-definition search failed: ${describeFailure(error)}`,
    });
    return reports;
  }
  const statuses = new Map(
    (await deps.store.listStatuses()).map((status) => [
      status.processId,
      status,
    ])
  );
  for (const definition of latest) {
    const processId = definition.processDefinitionId;
    const key = definition.processDefinitionKey;
    const status = statuses.get(processId);
    if (status !== undefined && status.owner !== 'camunda') {
      // Without a key (deployProcesses off) nothing can be compared.
      if (
        status.processDefinitionKey !== undefined &&
        status.processDefinitionKey !== key
      ) {
        report({
          processId,
          processDefinitionKey: key,
          outcome: 'bucketOwned',
          reason: `${status.sourceKey} defines the process; Camunda's latest version ${key} was not deployed from it and is not followed (upload the file to change the process)`,
        });
      }
      continue;
    }
    if (status?.owner === 'camunda' && status.sourceVersion === key) continue;
    if (status === undefined && memo.has(key)) continue;
    try {
      const released = await deps.store.getReleased(processId);
      if (released?.processDefinitionKey === key) continue;
      const outcome = await provisionDefinition(definition, status, memo, deps);
      if (released !== undefined) await deps.store.deleteReleased(processId);
      if (outcome !== undefined) report(outcome);
    } catch (error) {
      report({
        processId,
        processDefinitionKey: key,
        outcome: 'failed',
        reason: describeFailure(error),
      });
    }
  }
  const present = new Set(latest.map((item) => item.processDefinitionId));
  for (const status of statuses.values()) {
    if (status.owner !== 'camunda' || present.has(status.processId)) continue;
    try {
      await removeProcess(status.processId, deps);
      report({
        processId: status.processId,
        ...(status.processDefinitionKey === undefined
          ? {}
          : { processDefinitionKey: status.processDefinitionKey }),
        outcome: 'superseded',
        reason: 'no version of the process is deployed in Camunda any more',
      });
    } catch (error) {
      report({
        processId: status.processId,
        outcome: 'failed',
        reason: describeFailure(error),
      });
    }
  }
  return reports;
};

export { discoverDeployments };
