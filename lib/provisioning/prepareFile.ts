import { loadBindingModel } from '../binding/index.js';
import type { Problem } from '../bpmn/types.js';
import { describeError } from '../common/index.js';
import { buildEsmPlan } from '../esm/index.js';
import { deployBinding } from '../platform/index.js';
import { STATIC_SOURCE_PREFIX } from '../store/index.js';
import { checkBindingCount } from './checkBindingCount.js';
import { checkSecretReferences } from './checkSecretReferences.js';
import { isSecretNameAllowed } from './isSecretNameAllowed.js';
import {
  findReferencedSecrets,
  isStorableSecretName,
  referencedSecretId,
} from './resolveSecretFields.js';
import type { DesiredBinding, ProvisionerDependencies } from './types.js';
import { uniqueProblems } from './uniqueProblems.js';

/** The bindings and secrets of a valid file, or its problems. */
interface Prepared {
  readonly desiredByProcess: ReadonlyMap<string, DesiredBinding[]>;
  readonly processIds: readonly string[];
  /** Processes with at least one Kafka element (valid or not). */
  readonly kafkaProcessIds: ReadonlySet<string>;
  readonly warnings: readonly Problem[];
  readonly errors: readonly Problem[];
  readonly secretValues: ReadonlyMap<string, string>;
}

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
    if (owner.startsWith(STATIC_SOURCE_PREFIX)) {
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

/**
 * Reads a BPMN file (uploaded, or a definition's XML from Camunda, `key`
 * then `camunda:<processId>`) into the bindings of each process with their
 * ESM plans, and checks what only the provisioner can: ESM settings, the
 * upload policy (secret names, binding caps, one owner per process id) and
 * that the referenced secrets exist (their values are read). A file with
 * errors changes nothing deployed.
 *
 * @param text - the BPMN XML
 * @param key - the S3 key (or `camunda:<processId>`)
 * @param deps - configuration, store, files, mappings and secrets
 */
const prepareFile = async (
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
      kafkaProcessIds: new Set(),
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
    const deployed = deployBinding(binding, deps.config.defaults);
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
    kafkaProcessIds: new Set(
      model.parsed.elements.map((element) => element.processId)
    ),
  };
};

export type { Prepared };
export { prepareFile };
