import type { z } from 'zod';
import type { CamundaContract } from './contract.js';
import type { DoubleEngine, EngineResult } from './engine.js';
import { problem } from './problems.js';
import {
  getProcessDefinition,
  getProcessDefinitionXml,
  searchMessageSubscriptions,
  searchProcessDefinitions,
} from './searchRoutes.js';
import type { RecordedDeployment } from './types.js';

/** An incoming request under `/v2`, body already read. */
interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly rawBody: Buffer;
}

/** What the double sends back. */
interface HttpAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The request body as parsed, for the request log. */
  readonly parsedBody?: unknown;
  /** A text body sent as is (instead of `body` as JSON), e.g. XML. */
  readonly text?: string;
  /** The content type of `text`. */
  readonly contentType?: string;
}

interface ApiContext {
  readonly contract: CamundaContract;
  readonly engine: DoubleEngine;
  readonly tenants?: readonly string[];
}

type Command =
  | 'Create Process Instance'
  | 'Publish Message'
  | 'Correlate Message'
  | 'Deploy Resources';

const GATEWAY_VERSION = '8.9.0';

const fail = (
  path: string,
  status: number,
  title: string,
  detail: string,
  extensions: Readonly<Record<string, unknown>> = {},
  parsedBody?: unknown
): HttpAnswer => ({
  status,
  body: problem(status, path, title, detail, extensions),
  parsedBody,
});

/** A 400 in Camunda's words for the first zod issue, all issues attached. */
const invalid = (
  path: string,
  issues: readonly z.core.$ZodIssue[],
  parsedBody: unknown
): HttpAnswer => {
  const described = issues.map((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return `Request properties [${issue.keys.join(', ')}] are not allowed`;
    }
    if (
      issue.code === 'invalid_type' &&
      !/received undefined/.test(issue.message)
    ) {
      return `Request property [${at}] cannot be parsed`;
    }
    return at ? `${at}: ${issue.message}` : issue.message;
  });
  const first = issues[0];
  // Jackson binding errors come back with the HTTP reason as title.
  const title =
    first?.code === 'invalid_type' && !/received undefined/.test(first.message)
      ? 'Bad Request'
      : 'INVALID_ARGUMENT';
  return fail(
    path,
    400,
    title,
    described.join('; '),
    {
      issues: issues.map(({ code, path: at, message }) => ({
        code,
        path: at,
        message,
      })),
    },
    parsedBody
  );
};

/** `undefined` tenant is `<default>`; checks it against multi-tenancy. */
const checkTenant = (
  context: ApiContext,
  path: string,
  command: Command,
  tenantId: string | undefined,
  parsedBody: unknown
): HttpAnswer | string => {
  const tenant = tenantId ?? '<default>';
  if (context.tenants === undefined) {
    if (tenant === '<default>') return tenant;
    return fail(
      path,
      400,
      'INVALID_ARGUMENT',
      `Expected to handle request ${command} with tenant identifier '${tenant}', but multi-tenancy is disabled`,
      {},
      parsedBody
    );
  }
  if (context.tenants.includes(tenant)) return tenant;
  return fail(
    path,
    403,
    'FORBIDDEN',
    `Expected to handle request ${command} with tenant identifier '${tenant}', but the user is not authorized for that tenant`,
    {},
    parsedBody
  );
};

const fromEngine = <T>(
  path: string,
  result: EngineResult<T>,
  toBody: (value: T) => unknown,
  parsedBody: unknown
): HttpAnswer =>
  result.ok
    ? { status: 200, body: toBody(result.value), parsedBody }
    : fail(path, result.status, result.title, result.detail, {}, parsedBody);

const readJson = (
  request: ApiRequest
): { ok: true; value: unknown } | { ok: false; answer: HttpAnswer } => {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(request.contentType)) {
    return {
      ok: false,
      answer: fail(
        request.path,
        415,
        'Unsupported Media Type',
        `Content-Type '${request.contentType}' is not supported.`
      ),
    };
  }
  try {
    return { ok: true, value: JSON.parse(request.rawBody.toString('utf8')) };
  } catch {
    return {
      ok: false,
      answer: fail(request.path, 400, 'Bad Request', 'Failed to read request'),
    };
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const createProcessInstance = (
  context: ApiContext,
  request: ApiRequest,
  body: unknown
): HttpAnswer => {
  const { path } = request;
  const contract = context.contract;
  if (!contract.createProcessInstance.safeParse(body).success) {
    const hasKey = isObject(body) && 'processDefinitionKey' in body;
    const hasId = isObject(body) && 'processDefinitionId' in body;
    if (hasKey && hasId) {
      return fail(
        path,
        400,
        'INVALID_ARGUMENT',
        'Only one of [processDefinitionId, processDefinitionKey] is allowed',
        {},
        body
      );
    }
    if (!hasKey && !hasId) {
      return fail(
        path,
        400,
        'INVALID_ARGUMENT',
        'At least one of [processDefinitionId, processDefinitionKey] is required',
        {},
        body
      );
    }
    const branch = hasKey
      ? contract.createProcessInstanceByKey
      : contract.createProcessInstanceById;
    return invalid(path, branch.safeParse(body).error?.issues ?? [], body);
  }
  const command = body as {
    processDefinitionId?: string;
    processDefinitionKey?: string;
    processDefinitionVersion?: number;
    variables?: Record<string, unknown>;
    tenantId?: string;
    businessId?: string;
  };
  const tenant = checkTenant(
    context,
    path,
    'Create Process Instance',
    command.tenantId,
    body
  );
  if (typeof tenant !== 'string') return tenant;
  return fromEngine(
    path,
    context.engine.createInstance({
      ...(command.processDefinitionKey === undefined
        ? {
            processDefinitionId: command.processDefinitionId,
            processDefinitionVersion: command.processDefinitionVersion,
          }
        : { processDefinitionKey: command.processDefinitionKey }),
      variables: command.variables,
      tenantId: tenant,
      ...(command.businessId === undefined
        ? {}
        : { businessId: command.businessId }),
    }),
    (instance) => ({
      processDefinitionId: instance.processDefinitionId,
      processDefinitionVersion: instance.processDefinitionVersion,
      tenantId: instance.tenantId,
      variables: {},
      processDefinitionKey: instance.processDefinitionKey,
      processInstanceKey: instance.processInstanceKey,
      tags: [],
      businessId: instance.businessId ?? null,
    }),
    body
  );
};

const publishMessage = (
  context: ApiContext,
  request: ApiRequest,
  body: unknown
): HttpAnswer => {
  const parsed = context.contract.publishMessage.safeParse(body);
  if (!parsed.success) return invalid(request.path, parsed.error.issues, body);
  const command = parsed.data as {
    name: string;
    correlationKey: string;
    timeToLive: number;
    messageId?: string;
    variables?: Record<string, unknown>;
    tenantId?: string;
  };
  const tenant = checkTenant(
    context,
    request.path,
    'Publish Message',
    command.tenantId,
    body
  );
  if (typeof tenant !== 'string') return tenant;
  return fromEngine(
    request.path,
    context.engine.publishMessage({ ...command, tenantId: tenant }),
    (message) => ({
      tenantId: message.tenantId,
      messageKey: message.messageKey,
    }),
    body
  );
};

const correlateMessage = (
  context: ApiContext,
  request: ApiRequest,
  body: unknown
): HttpAnswer => {
  const parsed = context.contract.correlateMessage.safeParse(body);
  if (!parsed.success) return invalid(request.path, parsed.error.issues, body);
  const command = parsed.data as { tenantId?: string };
  const tenant = checkTenant(
    context,
    request.path,
    'Correlate Message',
    command.tenantId,
    body
  );
  if (typeof tenant !== 'string') return tenant;
  // Subscriptions are not simulated: every correlation finds an instance.
  return {
    status: 200,
    body: {
      tenantId: tenant,
      messageKey: context.engine.nextKey(),
      processInstanceKey: context.engine.nextKey(),
    },
    parsedBody: body,
  };
};

const deployResources = async (
  context: ApiContext,
  request: ApiRequest
): Promise<HttpAnswer> => {
  const { path } = request;
  if (!/^multipart\/form-data\b/i.test(request.contentType)) {
    return fail(
      path,
      415,
      'Unsupported Media Type',
      `Content-Type '${request.contentType}' is not supported.`
    );
  }
  let form: FormData;
  try {
    form = await new Request('http://double.invalid/', {
      method: 'POST',
      headers: { 'content-type': request.contentType },
      body: request.rawBody,
    }).formData();
  } catch {
    return fail(path, 400, 'Bad Request', 'Failed to parse multipart request');
  }
  const fields: Record<string, unknown[]> = {};
  for (const [name, value] of form) {
    fields[name] ??= [];
    fields[name].push(value);
  }
  const resources: RecordedDeployment['resources'][number][] = [];
  for (const value of fields.resources ?? []) {
    if (value instanceof File) {
      resources.push({
        name: value.name,
        size: value.size,
        text: await value.text(),
      });
    }
  }
  const tenantValues = fields.tenantId ?? [];
  const recorded: RecordedDeployment = {
    resources,
    ...(typeof tenantValues[0] === 'string'
      ? { tenantId: tenantValues[0] }
      : {}),
  };
  const candidate: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(fields)) {
    candidate[name] = name === 'resources' ? values : values[0];
  }
  const parsed = context.contract.deployment.safeParse(candidate);
  if (!parsed.success) return invalid(path, parsed.error.issues, recorded);
  if (tenantValues.length > 1) {
    return fail(
      path,
      400,
      'INVALID_ARGUMENT',
      'Only one tenantId is allowed',
      {},
      recorded
    );
  }
  const tenant = checkTenant(
    context,
    path,
    'Deploy Resources',
    recorded.tenantId,
    recorded
  );
  if (typeof tenant !== 'string') return tenant;
  return fromEngine(
    path,
    context.engine.deploy(resources, tenant),
    (result) => ({ ...result, tenantId: tenant }),
    recorded
  );
};

const topology = (): unknown => ({
  brokers: [
    {
      nodeId: 0,
      host: '127.0.0.1',
      port: 26501,
      partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
      version: GATEWAY_VERSION,
    },
  ],
  clusterId: null,
  clusterSize: 1,
  partitionsCount: 1,
  replicationFactor: 1,
  gatewayVersion: GATEWAY_VERSION,
  lastCompletedChangeId: '-1',
});

const JSON_ROUTES: Readonly<
  Record<
    string,
    (context: ApiContext, request: ApiRequest, body: unknown) => HttpAnswer
  >
> = {
  '/v2/process-instances': createProcessInstance,
  '/v2/messages/publication': publishMessage,
  '/v2/messages/correlation': correlateMessage,
  '/v2/message-subscriptions/search': (context, request, body) =>
    searchMessageSubscriptions(context, request.path, body, { invalid }),
  '/v2/process-definitions/search': (context, request, body) =>
    searchProcessDefinitions(context, request.path, body, { invalid }),
};

/** `GET /v2/process-definitions/{key}` and `…/{key}/xml`. */
const DEFINITION_PATH = /^\/v2\/process-definitions\/([^/]+)(\/xml)?$/;

/**
 * Answers one authenticated request under `/v2` the way Camunda's gateway
 * does: contract validation first (400 problem), then the engine.
 *
 * @internal
 */
const handleApiRequest = async (
  context: ApiContext,
  request: ApiRequest
): Promise<HttpAnswer> => {
  const { method, path } = request;
  const jsonRoute = JSON_ROUTES[path];
  const definition =
    jsonRoute === undefined ? DEFINITION_PATH.exec(path) : null;
  const known =
    jsonRoute !== undefined ||
    definition !== null ||
    path === '/v2/deployments' ||
    path === '/v2/topology' ||
    path === '/v2/status';
  if (!known) {
    return fail(path, 404, 'Not Found', `No endpoint ${method} ${path}.`);
  }
  const expected =
    path === '/v2/topology' || path === '/v2/status' || definition !== null
      ? 'GET'
      : 'POST';
  if (method !== expected) {
    return {
      ...fail(
        path,
        405,
        'Method Not Allowed',
        `Request method '${method}' is not supported`
      ),
      headers: { allow: expected },
    };
  }
  if (definition !== null) {
    const key = decodeURIComponent(definition[1] ?? '');
    return definition[2] === undefined
      ? getProcessDefinition(context, path, key)
      : getProcessDefinitionXml(context, path, key);
  }
  if (path === '/v2/topology') return { status: 200, body: topology() };
  if (path === '/v2/status') return { status: 204 };
  if (path === '/v2/deployments') return deployResources(context, request);
  if (jsonRoute === undefined) return fail(path, 404, 'Not Found', path);
  const json = readJson(request);
  if (!json.ok) return json.answer;
  return jsonRoute(context, request, json.value);
};

export type { ApiContext, ApiRequest, HttpAnswer };
export { handleApiRequest };
