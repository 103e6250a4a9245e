import { loadBindingModel } from '../binding/index.js';
import type { Problem } from '../bpmn/types.js';
import { buildEsmPlan } from '../esm/index.js';
import { deployedOf } from './deployedOf.js';
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
 * Reads a BPMN file (uploaded, or a definition's XML from Camunda) into the
 * bindings of each process with their ESM plans, and checks what only the
 * provisioner can: ESM settings and that the referenced secrets exist
 * (their values are read). A file with errors changes nothing deployed.
 *
 * @param text - the BPMN XML
 * @param deps - configuration and the secret store
 */
const prepareFile = async (
  text: string,
  deps: Pick<ProvisionerDependencies, 'config' | 'secrets'>
): Promise<Prepared> => {
  const model = await loadBindingModel(text, {
    maxBytes: deps.config.maxObjectBytes,
  });
  const errors: Problem[] = [...model.parsed.errors, ...model.errors];
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
  const usedBy = (name: string) =>
    [...new Set(references.get(name))].join(', ');
  const storable = [...references.keys()].filter(isStorableSecretName);
  const secretValues = await deps.secrets.readReferenced(storable);
  for (const name of references.keys()) {
    if (!storable.includes(name)) {
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
    kafkaProcessIds: new Set(
      model.parsed.elements.map((element) => element.processId)
    ),
    warnings: uniqueProblems(warnings),
    errors: uniqueProblems(errors),
    secretValues,
  };
};

export type { Prepared };
export { prepareFile };
