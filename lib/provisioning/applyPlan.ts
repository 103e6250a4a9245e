import type { Problem } from '../bpmn/types.js';
import { EsmTagKeys, withSecretArns } from '../esm/index.js';
import type { StatusBinding, StoredBinding } from '../store/types.js';
import { describeAction } from './buildProcessStatus.js';
import { buildUpdateRequest } from './buildUpdateRequest.js';
import { resolveSecretFields } from './resolveSecretFields.js';
import type {
  ApplyResult,
  BindingAction,
  ConsumerMappings,
  DeleteAction,
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
}

type KeepingAction = Exclude<BindingAction, DeleteAction>;

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
  const tagged = await context.secrets.findBindingSecretNames(action.bindingId);
  for (const name of new Set([...action.secretNames, ...tagged])) {
    await context.secrets.deleteSecret(name);
  }
  await context.store.deleteBinding(action.bindingId);
};

const mskScramWarnings = (action: KeepingAction): Problem[] =>
  action.desired.plan.secrets
    .filter((secret) => secret.mskScramClusterArn !== undefined)
    .map((secret) => ({
      property: 'authentication',
      message: `Secret ${secret.name} must be encrypted with a customer managed KMS key and associated with the MSK cluster ${secret.mskScramClusterArn} (kafka:BatchAssociateScramSecret) before the ESM can authenticate; the provisioner does not do that.`,
    }));

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
      { bindingId: binding.id, processId: binding.processId }
    );
    arns.set(secret.name, ensured.arn);
    secretRecreated ||= ensured.created;
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
  for (const name of action.obsoleteSecretNames) {
    await context.secrets.deleteSecret(name);
  }
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
    warnings.push(...mskScramWarnings(action));
    bindings.push(await keepBinding(action, context));
  }
  return { bindings, warnings };
};

export type { ApplyContext };
export { applyPlan };
