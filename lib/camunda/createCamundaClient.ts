import { isRecord } from '../common/index.js';
import { cleanReason, scrubSecrets } from '../text/index.js';
import { checkVariablesSize } from './checkVariablesSize.js';
import {
  classifyCamundaFailure,
  classifyCamundaResponse,
} from './classifyCamundaResponse.js';
import { CAMUNDA_DEFAULTS, MAX_CAMUNDA_RESPONSE_BYTES } from './constants.js';
import { createAuthorizer } from './createAuthorizer.js';
import { createLimiter } from './createLimiter.js';
import { CamundaAuthError, CamundaRequestError } from './errors.js';
import { parseResponseBody } from './parseResponseBody.js';
import { readResponseText } from './readResponseText.js';
import type {
  CamundaBroker,
  CamundaClient,
  CamundaClientConfig,
  CamundaClientDependencies,
  CamundaOperation,
  CamundaOutcome,
  CamundaTopology,
  CorrelateMessageRequest,
  CreateProcessInstanceRequest,
  DeployedProcess,
  DeploymentResource,
  DeploymentSummary,
  LatestDefinitionsQuery,
  MessageSubscriptionQuery,
  MessageSubscriptionSummary,
  ProcessDefinitionSummary,
  PublishMessageRequest,
  SearchPage,
} from './types.js';

type Failure = Exclude<CamundaOutcome, { kind: 'done' }>;

interface CallSpec {
  readonly operation: CamundaOperation;
  readonly method: 'GET' | 'POST';
  /** Below the `/v2` base, starting with `/`. */
  readonly path: string;
  readonly json?: string;
  readonly form?: FormData;
  /** The `Accept` header; JSON and problem details by default. */
  readonly accept?: string;
}

/** `fields` as JSON with the already serialized variables spliced in. */
const composeBody = (
  fields: Record<string, unknown>,
  variablesJson: string | undefined
): string => {
  const head = JSON.stringify(fields);
  if (variablesJson === undefined) return head;
  return head === '{}'
    ? `{"variables":${variablesJson}}`
    : `${head.slice(0, -1)},"variables":${variablesJson}}`;
};

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

const asNumber = (value: unknown): number =>
  typeof value === 'number' ? value : Number(value);

const toDeploymentSummary = (body: unknown): DeploymentSummary | undefined => {
  if (!isRecord(body)) return undefined;
  const deploymentKey = asString(body.deploymentKey);
  if (deploymentKey === undefined || !Array.isArray(body.deployments)) {
    return undefined;
  }
  const processes: DeployedProcess[] = [];
  for (const item of body.deployments) {
    if (!isRecord(item) || !isRecord(item.processDefinition)) continue;
    const definition = item.processDefinition;
    const processDefinitionId = asString(definition.processDefinitionId);
    const processDefinitionKey = asString(definition.processDefinitionKey);
    if (processDefinitionId === undefined || !processDefinitionKey) continue;
    const resourceName = asString(definition.resourceName);
    const tenantId = asString(definition.tenantId);
    processes.push({
      processDefinitionId,
      processDefinitionVersion: asNumber(definition.processDefinitionVersion),
      processDefinitionKey,
      ...(resourceName === undefined ? {} : { resourceName }),
      ...(tenantId === undefined ? {} : { tenantId }),
    });
  }
  const tenantId = asString(body.tenantId);
  return {
    deploymentKey,
    ...(tenantId === undefined ? {} : { tenantId }),
    processes,
  };
};

const toTopology = (body: unknown): CamundaTopology | undefined => {
  if (!isRecord(body) || !Array.isArray(body.brokers)) return undefined;
  const brokers: CamundaBroker[] = body.brokers.filter(isRecord).map((b) => ({
    nodeId: asNumber(b.nodeId),
    host: asString(b.host) ?? '',
    port: asNumber(b.port),
    version: asString(b.version) ?? '',
    partitions: (Array.isArray(b.partitions) ? b.partitions : [])
      .filter(isRecord)
      .map((p) => ({
        partitionId: asNumber(p.partitionId),
        role: asString(p.role) ?? '',
        health: asString(p.health) ?? '',
      })),
  }));
  return {
    gatewayVersion: asString(body.gatewayVersion) ?? '',
    clusterSize: asNumber(body.clusterSize),
    partitionsCount: asNumber(body.partitionsCount),
    replicationFactor: asNumber(body.replicationFactor),
    brokers,
  };
};

/** A search answer's page, its items read by `item` (unreadable ones left out). */
const toSearchPage = <T>(
  body: unknown,
  item: (value: Record<string, unknown>) => T | undefined
): SearchPage<T> | undefined => {
  if (!isRecord(body) || !Array.isArray(body.items) || !isRecord(body.page)) {
    return undefined;
  }
  const endCursor = asString(body.page.endCursor);
  return {
    items: body.items.flatMap((value) => {
      const read = isRecord(value) ? item(value) : undefined;
      return read === undefined ? [] : [read];
    }),
    ...(endCursor ? { endCursor } : {}),
    totalItems: asNumber(body.page.totalItems),
    hasMoreTotalItems: body.page.hasMoreTotalItems === true,
  };
};

const toSubscription = (
  value: Record<string, unknown>
): MessageSubscriptionSummary | undefined => {
  const key = asString(value.messageSubscriptionKey);
  const elementId = asString(value.elementId);
  if (key === undefined || elementId === undefined) return undefined;
  const definitionKey = asString(value.processDefinitionKey);
  const instanceKey = asString(value.processInstanceKey);
  return {
    messageSubscriptionKey: key,
    processDefinitionId: asString(value.processDefinitionId) ?? '',
    ...(definitionKey ? { processDefinitionKey: definitionKey } : {}),
    ...(instanceKey ? { processInstanceKey: instanceKey } : {}),
    elementId,
    messageName: asString(value.messageName) ?? '',
    state: asString(value.messageSubscriptionState) ?? '',
  };
};

const toDefinition = (
  value: Record<string, unknown>
): ProcessDefinitionSummary | undefined => {
  const key = asString(value.processDefinitionKey);
  const id = asString(value.processDefinitionId);
  if (!key || id === undefined) return undefined;
  const resourceName = asString(value.resourceName);
  const state = asString(value.state);
  return {
    processDefinitionKey: key,
    processDefinitionId: id,
    version: asNumber(value.version),
    tenantId: asString(value.tenantId) ?? '<default>',
    ...(resourceName === undefined ? {} : { resourceName }),
    ...(state === undefined ? {} : { state }),
  };
};

/** `page` of a forward-paged search request. */
const pageOf = (query: { limit: number; after?: string }) =>
  query.after === undefined
    ? { limit: query.limit }
    : { limit: query.limit, after: query.after };

/**
 * Creates the client for Camunda's Orchestration Cluster REST API (v2).
 *
 * Calls never throw for Camunda's answers: each comes back as a
 * {@link CamundaOutcome} (`done`, `retry` or `poison`) whose reason names
 * status, title and detail but never a credential. Connections are kept
 * alive by the global `fetch` (undici) pool and reused across calls.
 *
 * @param config - From `readCamundaConfig`.
 * @param dependencies - `fetch` and clock replacements, for tests.
 * @example
 * ```ts
 * const camunda = createCamundaClient(readCamundaConfig(process.env));
 * const outcome = await camunda.publishMessage({
 *   name: 'order-paid', correlationKey: 'o-1', timeToLive: 3_600_000,
 *   messageId: 'orders-0-42', variables: { paid: true },
 * });
 * ```
 */
const createCamundaClient = (
  config: CamundaClientConfig,
  dependencies: CamundaClientDependencies = {}
): CamundaClient => {
  const fetchFn = dependencies.fetch ?? globalThis.fetch;
  const now = dependencies.now ?? Date.now;
  const authorizer = createAuthorizer(config.auth, fetchFn, now);
  const limit = createLimiter(
    Math.max(
      1,
      config.maxConcurrentRequests ?? CAMUNDA_DEFAULTS.maxConcurrentRequests
    )
  );

  // Secrets in every encoding (an endpoint may echo the form-encoded token
  // request or the base64 Basic header), then one bounded line.
  const scrub = (text: string): string =>
    cleanReason(scrubSecrets(text, authorizer.secretValues()));

  const scrubOutcome = (outcome: CamundaOutcome): CamundaOutcome =>
    outcome.kind === 'done'
      ? outcome
      : { ...outcome, reason: scrub(outcome.reason) };

  const send = async (spec: CallSpec): Promise<CamundaOutcome> => {
    const url = `${config.restAddress}${spec.path}`;
    for (let attempt = 1; ; attempt++) {
      let authorization: string | undefined;
      try {
        authorization = await authorizer.authorization();
      } catch (error) {
        // Wrong or unreachable credentials are the deployment's problem, not
        // the record's: the record waits (retry) instead of being dropped.
        if (error instanceof CamundaAuthError) {
          return {
            kind: 'retry',
            reason: scrub(`Camunda ${spec.operation}: ${error.message}`),
          };
        }
        throw error;
      }
      const headers: Record<string, string> = {
        accept: spec.accept ?? 'application/json, application/problem+json',
      };
      if (authorization !== undefined) headers.authorization = authorization;
      if (spec.json !== undefined) headers['content-type'] = 'application/json';

      let response: Response;
      let text: string;
      let truncated: boolean;
      try {
        [response, { text, truncated }] = await limit(async () => {
          const answer = await fetchFn(url, {
            method: spec.method,
            headers,
            body: spec.json ?? spec.form,
            // Covers connecting, sending and reading the whole body; starts
            // once a slot is free.
            signal: AbortSignal.timeout(config.requestTimeoutMs),
            redirect: 'manual',
          });
          // Reading the body to the end is also what returns the
          // connection to undici's keep-alive pool; a body over the cap is
          // cut (and its connection closed) instead of held in memory.
          return [
            answer,
            await readResponseText(answer, MAX_CAMUNDA_RESPONSE_BYTES),
          ] as const;
        });
      } catch (error) {
        return scrubOutcome(
          classifyCamundaFailure(spec.operation, error, config.requestTimeoutMs)
        );
      }
      if (
        response.status === 401 &&
        attempt === 1 &&
        authorizer.invalidate(authorization)
      ) {
        continue;
      }
      // A cut body is never parsed as JSON: a 2xx stays done (the work
      // happened) without a body; an error keeps the start of its text.
      const body = !truncated
        ? parseResponseBody(text, response.headers.get('content-type'))
        : response.ok
          ? undefined
          : `(answer over ${MAX_CAMUNDA_RESPONSE_BYTES} bytes, cut) ${text}`;
      const outcome = classifyCamundaResponse(
        spec.operation,
        response.status,
        body
      );
      if (response.status === 401 && attempt > 1 && outcome.kind !== 'done') {
        return scrubOutcome({
          ...outcome,
          reason: `${outcome.reason} after a token refresh`,
        });
      }
      return scrubOutcome(outcome);
    }
  };

  /** Serializes variables once; poison without a call when too large. */
  const sendWithVariables = async (
    operation: CamundaOperation,
    path: string,
    fields: Record<string, unknown>,
    variables: unknown
  ): Promise<CamundaOutcome> => {
    let variablesJson: string | undefined;
    if (variables !== undefined) {
      const check = checkVariablesSize(variables);
      if (!check.ok) {
        return {
          kind: 'poison',
          reason: `Camunda ${operation} not called: ${check.reason}`,
        };
      }
      variablesJson = check.json;
    }
    return send({
      operation,
      method: 'POST',
      path,
      json: composeBody(fields, variablesJson),
    });
  };

  const createProcessInstance = (
    request: CreateProcessInstanceRequest
  ): Promise<CamundaOutcome> => {
    const { variables, tenantId, ...target } = request;
    return sendWithVariables(
      'createProcessInstance',
      '/process-instances',
      { ...target, tenantId: tenantId ?? config.tenantId },
      variables
    );
  };

  const publishMessage = (
    request: PublishMessageRequest
  ): Promise<CamundaOutcome> =>
    sendWithVariables(
      'publishMessage',
      '/messages/publication',
      {
        name: request.name,
        correlationKey: request.correlationKey,
        timeToLive: request.timeToLive,
        messageId: request.messageId,
        tenantId: request.tenantId ?? config.tenantId,
      },
      request.variables
    );

  const correlateMessage = (
    request: CorrelateMessageRequest
  ): Promise<CamundaOutcome> =>
    sendWithVariables(
      'correlateMessage',
      '/messages/correlation',
      {
        name: request.name,
        correlationKey: request.correlationKey,
        tenantId: request.tenantId ?? config.tenantId,
      },
      request.variables
    );

  const expectDone = (
    operation: CamundaOperation,
    outcome: CamundaOutcome
  ): { status: number; body?: unknown } => {
    if (outcome.kind !== 'done') {
      throw new CamundaRequestError(operation, outcome);
    }
    return outcome;
  };

  const unexpected = (
    operation: CamundaOperation,
    status: number
  ): Failure => ({
    kind: 'poison',
    status,
    reason: `Camunda ${operation}: HTTP ${status} with a body that does not match the API`,
  });

  const deployResources = async (
    files: readonly DeploymentResource[],
    tenantId?: string
  ): Promise<DeploymentSummary> => {
    const operation = 'deployResources';
    if (files.length === 0) {
      throw new CamundaRequestError(operation, {
        kind: 'poison',
        reason: `Camunda ${operation} not called: no files to deploy`,
      });
    }
    const form = new FormData();
    for (const file of files) {
      form.append(
        'resources',
        new Blob([file.content], { type: 'application/octet-stream' }),
        file.name
      );
    }
    const tenant = tenantId ?? config.tenantId;
    if (tenant !== undefined) form.append('tenantId', tenant);
    const done = expectDone(
      operation,
      await send({ operation, method: 'POST', path: '/deployments', form })
    );
    const summary = toDeploymentSummary(done.body);
    if (summary === undefined) {
      throw new CamundaRequestError(
        operation,
        unexpected(operation, done.status)
      );
    }
    return summary;
  };

  const getTopology = async (): Promise<CamundaTopology> => {
    const operation = 'getTopology';
    const done = expectDone(
      operation,
      await send({ operation, method: 'GET', path: '/topology' })
    );
    const topology = toTopology(done.body);
    if (topology === undefined) {
      throw new CamundaRequestError(
        operation,
        unexpected(operation, done.status)
      );
    }
    return topology;
  };

  /** A call that throws unless Camunda answers `done` with a readable body. */
  const read = async <T>(
    spec: CallSpec,
    parse: (body: unknown) => T | undefined
  ): Promise<T> => {
    const done = expectDone(spec.operation, await send(spec));
    const value = parse(done.body);
    if (value === undefined) {
      throw new CamundaRequestError(
        spec.operation,
        unexpected(spec.operation, done.status)
      );
    }
    return value;
  };

  const searchMessageSubscriptions = (
    query: MessageSubscriptionQuery
  ): Promise<SearchPage<MessageSubscriptionSummary>> =>
    read(
      {
        operation: 'searchMessageSubscriptions',
        method: 'POST',
        path: '/message-subscriptions/search',
        json: JSON.stringify({
          filter: {
            processDefinitionKey: query.processDefinitionKey,
            messageSubscriptionState: query.state,
          },
          page: pageOf(query),
        }),
      },
      (body) => toSearchPage(body, toSubscription)
    );

  const searchLatestProcessDefinitions = (
    query: LatestDefinitionsQuery
  ): Promise<SearchPage<ProcessDefinitionSummary>> => {
    const tenantId = query.tenantId ?? config.tenantId;
    return read(
      {
        operation: 'searchProcessDefinitions',
        method: 'POST',
        path: '/process-definitions/search',
        json: JSON.stringify({
          // As Camunda's connectors runtime asks (SearchQueryClientImpl).
          filter: {
            isLatestVersion: true,
            state: 'ACTIVE',
            ...(tenantId === undefined ? {} : { tenantId }),
          },
          page: pageOf(query),
        }),
      },
      (body) => toSearchPage(body, toDefinition)
    );
  };

  const definitionPath = (key: string): string =>
    `/process-definitions/${encodeURIComponent(key)}`;

  const getProcessDefinition = async (
    processDefinitionKey: string
  ): Promise<ProcessDefinitionSummary | undefined> => {
    const operation = 'getProcessDefinition';
    const outcome = await send({
      operation,
      method: 'GET',
      path: definitionPath(processDefinitionKey),
    });
    if (outcome.kind !== 'done' && outcome.status === 404) return undefined;
    const done = expectDone(operation, outcome);
    const definition = isRecord(done.body)
      ? toDefinition(done.body)
      : undefined;
    if (definition === undefined) {
      throw new CamundaRequestError(
        operation,
        unexpected(operation, done.status)
      );
    }
    return definition;
  };

  const getProcessDefinitionXml = (
    processDefinitionKey: string
  ): Promise<string> =>
    read(
      {
        operation: 'getProcessDefinitionXml',
        method: 'GET',
        path: `${definitionPath(processDefinitionKey)}/xml`,
        accept: 'text/xml, application/problem+json',
      },
      (body) => (typeof body === 'string' && body !== '' ? body : undefined)
    );

  return {
    createProcessInstance,
    publishMessage,
    correlateMessage,
    deployResources,
    getTopology,
    searchMessageSubscriptions,
    searchLatestProcessDefinitions,
    getProcessDefinition,
    getProcessDefinitionXml,
    restAddress: config.restAddress,
    requestTimeoutMs: config.requestTimeoutMs,
  };
};

export { createCamundaClient };
