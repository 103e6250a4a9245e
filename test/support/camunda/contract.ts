import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/**
 * Camunda's request and response schemas, generated from the Orchestration
 * Cluster API spec and shipped (unexported) inside
 * `@camunda8/orchestration-cluster-api`. The request schemas are made
 * `.strict()`: the spec says `additionalProperties: false`, the generated
 * zod objects only strip unknown keys.
 */
interface CamundaContract {
  readonly createProcessInstance: z.ZodType;
  readonly createProcessInstanceById: z.ZodObject;
  readonly createProcessInstanceByKey: z.ZodObject;
  readonly publishMessage: z.ZodObject;
  readonly correlateMessage: z.ZodObject;
  /** `{ resources: File[], tenantId? }`, the multipart form as an object. */
  readonly deployment: z.ZodObject;
  readonly createProcessInstanceResult: z.ZodObject;
  readonly messagePublicationResult: z.ZodObject;
  readonly messageCorrelationResult: z.ZodObject;
  readonly deploymentResult: z.ZodObject;
  readonly topologyResponse: z.ZodObject;
  readonly problemDetail: z.ZodObject;
  /** The generated file the schemas came from (its name carries a hash). */
  readonly source: string;
}

const PACKAGE = '@camunda8/orchestration-cluster-api';

const objectSchema = (
  module: Record<string, unknown>,
  name: string
): z.ZodObject => {
  const schema = module[name];
  if (!(schema instanceof z.ZodObject)) {
    throw new Error(`${PACKAGE}: ${name} is missing or not a zod object`);
  }
  return schema;
};

let loading: Promise<CamundaContract> | undefined;

const load = async (): Promise<CamundaContract> => {
  // The package's exports map hides the generated file and its name is
  // content-hashed, so find it next to the entry point. Importing it by URL
  // also works on Node 20 although the package declares Node >= 22.
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve(PACKAGE));
  const file = readdirSync(dist).find((name) =>
    /^zod\.gen-[\w-]+\.js$/.test(name)
  );
  if (file === undefined) {
    throw new Error(`${PACKAGE}: no dist/zod.gen-*.js in ${dist}`);
  }
  const module: Record<string, unknown> = await import(
    pathToFileURL(join(dist, file)).href
  );
  const byId = objectSchema(
    module,
    'zProcessInstanceCreationInstructionById'
  ).strict();
  const byKey = objectSchema(
    module,
    'zProcessInstanceCreationInstructionByKey'
  ).strict();
  const deploymentData = objectSchema(module, 'zCreateDeploymentData');
  const deploymentBody = deploymentData.shape.body;
  if (!(deploymentBody instanceof z.ZodObject)) {
    throw new Error(`${PACKAGE}: zCreateDeploymentData.body is not an object`);
  }
  return {
    createProcessInstance: z.union([byKey, byId]),
    createProcessInstanceById: byId,
    createProcessInstanceByKey: byKey,
    publishMessage: objectSchema(module, 'zMessagePublicationRequest').strict(),
    correlateMessage: objectSchema(
      module,
      'zMessageCorrelationRequest'
    ).strict(),
    deployment: deploymentBody.strict(),
    createProcessInstanceResult: objectSchema(
      module,
      'zCreateProcessInstanceResult'
    ),
    messagePublicationResult: objectSchema(module, 'zMessagePublicationResult'),
    messageCorrelationResult: objectSchema(module, 'zMessageCorrelationResult'),
    deploymentResult: objectSchema(module, 'zDeploymentResult'),
    topologyResponse: objectSchema(module, 'zTopologyResponse'),
    problemDetail: objectSchema(module, 'zProblemDetail'),
    source: `${PACKAGE}/dist/${file}`,
  };
};

/**
 * Loads Camunda's published REST contract once per process.
 *
 * @throws Error when the package or its generated schemas are missing.
 */
const loadCamundaContract = (): Promise<CamundaContract> => {
  loading ??= load();
  return loading;
};

export type { CamundaContract };
export { loadCamundaContract };
