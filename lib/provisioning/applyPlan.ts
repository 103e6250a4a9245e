import type { Problem } from '../bpmn/types.js';
import {
  bindingSecretNames,
  EsmTagKeys,
  SecretNamespaces,
  withSecretArns,
} from '../esm/index.js';
import type { StatusBinding, StoredBinding } from '../store/types.js';
import { describeAction } from './buildProcessStatus.js';
import { buildUpdateRequest } from './buildUpdateRequest.js';
import { ProvisioningMskUnavailableError } from './errors.js';
import { resolveSecretFields } from './resolveSecretFields.js';
import type {
  ApplyResult,
  BindingAction,
  ConsumerMappings,
  DeleteAction,
  MskClusters,
  ProvisioningStore,
  ReconcilePlan,
  SecretStore,
} from './types.js';

/** What executing a plan needs. */
interface ApplyContext {
  readonly mappings: ConsumerMappings;
  readonly secrets: SecretStore;
  readonly store: ProvisioningStore;
  readonly sourceKey: string;
  readonly sourceVersion: string;
  /** Values of the `{{secrets.X}}` references, resolved beforehand. */
  readonly secretValues: ReadonlyMap<string, string>;
  readonly now: () => Date;
  /** The platform's secret prefix (where binding secrets are looked for). */
  readonly secretPrefix: string;
  /** The platform's MSK clusters (SCRAM secret associations). */
  readonly msk?: MskClusters;
  readonly mskClusterArns: readonly string[];
}

type KeepingAction = Exclude<BindingAction, DeleteAction>;

/**
 * Deletes per-binding secrets that exist; an MSK SCRAM secret is first
 * taken back from every platform cluster it may be associated with.
 */
const deleteSecrets = async (
  names: readonly string[],
  context: ApplyContext
): Promise<void> => {
  const existing = await context.secrets.findSecrets([...new Set(names)]);
  for (const [name, arn] of existing) {
    if (name.startsWith(SecretNamespaces.mskScramPrefix) && context.msk) {
      for (const cluster of context.mskClusterArns) {
        await context.msk.disassociateScramSecret(cluster, arn);
      }
    }
    await context.secrets.deleteSecret(name);
  }
};

const removeBinding = async (
  action: DeleteAction,
  context: ApplyContext
): Promise<void> => {
  // Stop delivery first; the record goes last so that a record still in
  // flight always finds its binding.
  for (const uuid of action.esmUuids) {
    await context.mappings.deleteEsmAndWait(uuid);
  }
  if (action.aliasName !== undefined) {
    await context.mappings.deleteAlias(action.aliasName);
  }
  // The names the record lists (older layouts included) and every name the
  // binding can have now: a run that did not finish may have left one.
  await deleteSecrets(
    [
      ...action.secretNames,
      ...bindingSecretNames(context.secretPrefix, action.bindingId),
    ],
    context
  );
  await context.store.deleteBinding(action.bindingId);
};

const keepBinding = async (
  action: KeepingAction,
  context: ApplyContext
): Promise<StatusBinding> => {
  const { desired } = action;
  const { plan, deployed } = desired;
  const binding = deployed.binding;
  for (const uuid of action.extraEsmUuids) {
    await context.mappings.deleteEsmAndWait(uuid);
  }
  if (action.kind === 'replace') {
    // Delete before create: the new ESM has the same alias, cluster and
    // topic (a 409 otherwise) or the same consumer group (two ESMs would
    // split its partitions).
    await context.mappings.deleteEsmAndWait(action.esm.uuid);
  }
  await context.mappings.ensureAlias(plan.aliasName);
  // A binding kept for retained versions keeps its secrets as they are.
  const arns = new Map<string, string>(desired.keptSecrets ?? []);
  let secretRecreated = false;
  for (const secret of plan.secrets) {
    const ensured = await context.secrets.ensureSecret(
      secret.name,
      resolveSecretFields(secret.fields, context.secretValues),
      { bindingId: binding.id, processId: binding.processId },
      secret.kmsKeyArn === undefined ? {} : { kmsKeyId: secret.kmsKeyArn }
    );
    arns.set(secret.name, ensured.arn);
    secretRecreated ||= ensured.created;
    if (secret.mskScramClusterArn !== undefined) {
      // MSK reads a SCRAM secret only once it is associated with the
      // cluster; the ESM created below authenticates with it.
      if (context.msk === undefined) {
        throw new ProvisioningMskUnavailableError(secret.mskScramClusterArn);
      }
      await context.msk.associateScramSecret(
        secret.mskScramClusterArn,
        ensured.arn
      );
    }
  }
  const request = withSecretArns(plan, arns).request;
  const kept = action.kind === 'update' || action.kind === 'keep';
  const record: StoredBinding = {
    bindingId: binding.id,
    processId: binding.processId,
    revision: binding.revision,
    deployed,
    sourceKey: context.sourceKey,
    sourceVersion: context.sourceVersion,
    aliasName: plan.aliasName,
    ...(kept ? { esmUuid: action.esm.uuid } : {}),
    ...(kept && action.esm.arn !== undefined ? { esmArn: action.esm.arn } : {}),
    secretArns: [...arns.values()],
    secretNames: [...arns.keys()],
    esmRequest: plan.request,
    ...(desired.versionKeys === undefined
      ? {}
      : { versionKeys: desired.versionKeys }),
    updatedAt: context.now().toISOString(),
  };
  // The record is written before the ESM delivers anything, so the
  // consumer always finds the binding its alias names.
  await context.store.putBinding(record);
  let esmUuid: string | undefined;
  let esmState: string | undefined;
  if (action.kind === 'create' || action.kind === 'replace') {
    const created = await context.mappings.createEsm(request);
    esmUuid = created.uuid;
    esmState = created.state;
    await context.store.putBinding({
      ...record,
      esmUuid: created.uuid,
      ...(created.arn === undefined ? {} : { esmArn: created.arn }),
    });
  } else {
    esmUuid = action.esm.uuid;
    esmState = action.esm.state;
    // A secret that had to be created again has a new ARN.
    if (action.kind === 'update' || secretRecreated) {
      esmState = await context.mappings.updateEsm(
        buildUpdateRequest(
          action.esm.uuid,
          request,
          action.kind === 'update' ? action.previousRequest : undefined
        )
      );
    }
    if (action.recordChanged && action.esm.arn !== undefined) {
      // Tags are create-only on the ESM request; keep the revision tag true.
      await context.mappings.tagEsm(action.esm.arn, {
        [EsmTagKeys.revision]: binding.revision,
      });
    }
  }
  await deleteSecrets(action.obsoleteSecretNames, context);
  return {
    bindingId: binding.id,
    revision: binding.revision,
    aliasName: plan.aliasName,
    ...(esmUuid === undefined ? {} : { esmUuid }),
    ...(esmState === undefined ? {} : { esmState }),
    note:
      secretRecreated && action.kind === 'keep'
        ? `${describeAction(action)}; secret re-created, source access updated`
        : describeAction(action),
    topic: binding.kafka.topic,
  };
};

/**
 * Executes a reconcile plan through the ports, one action after the other,
 * and returns the status of each binding that remains.
 *
 * @param plan - from `planReconcile`
 * @param context - adapters, the source file and the resolved secret values
 */
const applyPlan = async (
  plan: ReconcilePlan,
  context: ApplyContext
): Promise<ApplyResult> => {
  const bindings: StatusBinding[] = [];
  const warnings: Problem[] = [];
  for (const action of plan.actions) {
    if (action.kind === 'delete') {
      await removeBinding(action, context);
      continue;
    }
    bindings.push(await keepBinding(action, context));
  }
  return { bindings, warnings };
};

export type { ApplyContext };
export { applyPlan };
