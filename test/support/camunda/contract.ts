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
  /** `POST /v2/message-subscriptions/search` body, strict at every level. */
  readonly searchMessageSubscriptions: z.ZodObject;
  /** `POST /v2/process-definitions/search` body, strict at every level. */
  readonly searchProcessDefinitions: z.ZodObject;
  readonly messageSubscriptionSearchResult: z.ZodType;
  readonly processDefinitionSearchResult: z.ZodType;
  readonly processDefinitionResult: z.ZodObject;
  /** `GET /v2/process-definitions/{key}/xml` path parameters. */
  readonly processDefinitionKey: z.ZodType;
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

const anySchema = (
  module: Record<string, unknown>,
  name: string
): z.ZodType => {
  const schema = module[name];
  if (!(schema instanceof z.ZodType)) {
    throw new Error(`${PACKAGE}: ${name} is missing or not a zod schema`);
  }
  return schema;
};

/**
 * A search request made strict (the spec's `additionalProperties: false`):
 * the generated query is `page` intersected with `{ sort, filter }`, whose
 * objects only strip unknown keys; here each part is strict, and the page
 * is one of the four pagination shapes, each strict.
 */
const strictSearch = (
  module: Record<string, unknown>,
  sortName: string,
  filterName: string
): z.ZodObject => {
  const page = anySchema(module, 'zSearchQueryPageRequest');
  if (!(page instanceof z.ZodUnion)) {
    throw new Error(`${PACKAGE}: zSearchQueryPageRequest is not a union`);
  }
  const pages = page.options.map((option) => {
    if (!(option instanceof z.ZodObject)) {
      throw new Error(`${PACKAGE}: a pagination shape is not an object`);
    }
    return option.strict();
  });
  return z
    .object({
      page: z.optional(z.union(pages)),
      sort: z.optional(z.array(objectSchema(module, sortName).strict())),
      filter: z.optional(objectSchema(module, filterName).strict()),
    })
    .strict();
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
    searchMessageSubscriptions: strictSearch(
      module,
      'zMessageSubscriptionSearchQuerySortRequest',
      'zMessageSubscriptionFilter'
    ),
    searchProcessDefinitions: strictSearch(
      module,
      'zProcessDefinitionSearchQuerySortRequest',
      'zProcessDefinitionFilter'
    ),
    messageSubscriptionSearchResult: anySchema(
      module,
      'zMessageSubscriptionSearchQueryResult'
    ),
    processDefinitionSearchResult: anySchema(
      module,
      'zProcessDefinitionSearchQueryResult'
    ),
    processDefinitionResult: objectSchema(module, 'zProcessDefinitionResult'),
    processDefinitionKey: anySchema(module, 'zProcessDefinitionKey'),
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
