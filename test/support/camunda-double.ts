import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type CamundaContract,
  loadCamundaContract,
} from './camunda/contract.js';
import { createEngine, type DoubleEngine } from './camunda/engine.js';
import {
  type HttpAnswer,
  handleApiRequest,
} from './camunda/handleApiRequest.js';
import { problem } from './camunda/problems.js';
import type {
  CamundaDoubleAuth,
  CamundaDoubleOptions,
  CamundaFault,
  CreatedInstance,
  KnownProcess,
  MessageSubscription,
  PublishedMessage,
  RecordedDeployment,
  RecordedRequest,
  RecordedResponse,
} from './camunda/types.js';

/**
 * A running Camunda REST double. Every request is recorded in `requests`;
 * every body is validated against Camunda's published contract.
 */
interface CamundaDouble {
  /** `http://127.0.0.1:<port>`; `readCamundaConfig` appends `/v2`. */
  readonly url: string;
  /** `<url>/v2`. */
  readonly restAddress: string;
  /** `<url>/oauth/token`, the token endpoint of `auth.mode: 'oauth'`. */
  readonly oauthUrl: string;
  /** Every request since start or `reset()`, in arrival order (live). */
  readonly requests: readonly RecordedRequest[];
  /** Instances created (live). */
  readonly instances: readonly CreatedInstance[];
  /** Messages published and accepted (live; not 409 duplicates). */
  readonly messages: readonly PublishedMessage[];
  /** Process definitions known: configured, auto-created and deployed. */
  readonly processes: readonly KnownProcess[];
  /** Message subscriptions opened with `openSubscription` (live). */
  readonly subscriptions: readonly MessageSubscription[];
  /**
   * An instance of the definition that waits at `elementId` for a message
   * (state CREATED, found by `POST /v2/message-subscriptions/search`); a
   * published message with that name and correlation key correlates it.
   */
  openSubscription(command: {
    readonly processDefinitionKey: string;
    readonly elementId: string;
    readonly messageName: string;
    readonly correlationKey: string;
  }): MessageSubscription;
  /**
   * Deletes a process definition as Camunda 8.9+ does (state DELETED, its
   * waiting subscriptions deleted); false when the key is unknown.
   */
  deleteProcessDefinition(processDefinitionKey: string): boolean;
  /** The `CAMUNDA_*` variables that point a client at this double. */
  env(): Record<string, string>;
  /** Requests to `path` (e.g. `/v2/process-instances`), optionally by method. */
  requestsTo(path: string, method?: string): RecordedRequest[];
  /** Adds faults to the queue; each is consumed by one matching request. */
  enqueue(...faults: CamundaFault[]): void;
  /** Replaces the per-request fault function (undefined: none). */
  setFault(fault: CamundaDoubleOptions['fault']): void;
  /** Replaces the answer delay. */
  setDelay(delayMs: CamundaDoubleOptions['delayMs']): void;
  /** Makes every issued token invalid: the next call gets a 401. */
  revokeTokens(): void;
  /** Back to the state after start: requests, engine, faults, tokens. */
  reset(): void;
  /** Stops the server and drops open (keep-alive, hanging) connections. */
  close(): Promise<void>;
}

/** Shorthands for {@link CamundaFault}s. */
const faults = {
  /** A problem response with the given status (title defaults per status). */
  status: (
    status: number,
    fields: Omit<
      Extract<CamundaFault, { kind: 'status' }>,
      'kind' | 'status'
    > = {}
  ): CamundaFault => ({ kind: 'status', status, ...fields }),
  /** Camunda's backpressure answer: 503 RESOURCE_EXHAUSTED. */
  backpressure: (status = 503): CamundaFault => ({
    kind: 'status',
    status,
    title: 'RESOURCE_EXHAUSTED',
    detail:
      'Expected to handle REST API request, but the broker rejected it due to backpressure (RESOURCE_EXHAUSTED).',
  }),
  /** The connection is reset (TCP RST); no response. */
  reset: (timing: Omit<CamundaFault, 'kind'> = {}): CamundaFault => ({
    kind: 'reset',
    ...timing,
  }),
  /** No answer at all, until the client gives up. */
  hang: (timing: Omit<CamundaFault, 'kind'> = {}): CamundaFault => ({
    kind: 'hang',
    ...timing,
  }),
} as const;

const TOKEN_PATH = '/oauth/token';

/** The double's own, mutable view of a recorded request. */
type LiveRequest = {
  -readonly [K in keyof RecordedRequest]: RecordedRequest[K];
};

const headerRecord = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return headers;
};

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const parseForLog = (contentType: string, raw: Buffer): unknown => {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (/json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (/application\/x-www-form-urlencoded/i.test(contentType)) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return text;
};

const sleep = (ms: number, timers: Set<NodeJS.Timeout>): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });

/**
 * Starts a Camunda 8 REST API (v2) double on 127.0.0.1 (random port).
 *
 * It validates every request body against the zod schemas generated from
 * Camunda's OpenAPI spec (shipped in `@camunda8/orchestration-cluster-api`,
 * made strict), records every request, simulates the engine rules that
 * matter (string keys, process versions, 404 for unknown processes, 409 for
 * a message id published again within its TTL, 409 for create on a process
 * without a none start event, 409 for a business id already in use when
 * `businessIdUniqueness` is on, message subscriptions that a published
 * message correlates, latest versions and deleted definitions), answers
 * the searches the provisioner makes (message subscriptions and process
 * definitions, filtered and paged with cursors) and a definition's XML,
 * and injects faults.
 *
 * @param options - Known processes, auth mode, delays and faults.
 * @example
 * ```ts
 * const camunda = await startCamundaDouble({ auth: { mode: 'oauth',
 *   clientId: 'c', clientSecret: 's' } });
 * const client = createCamundaClient(readCamundaConfig(camunda.env()));
 * camunda.enqueue(faults.backpressure(), faults.reset());
 * // … run the code under test, then:
 * expect(camunda.requestsTo('/v2/messages/publication')).toHaveLength(3);
 * await camunda.close();
 * ```
 */
const startCamundaDouble = async (
  options: CamundaDoubleOptions = {}
): Promise<CamundaDouble> => {
  const contract: CamundaContract = await loadCamundaContract();
  const now = options.now ?? Date.now;
  const auth: CamundaDoubleAuth = options.auth ?? { mode: 'none' };

  const engineOptions = {
    knownProcessIds: options.knownProcessIds,
    now,
    businessIdUniqueness: options.businessIdUniqueness,
  };
  let engine: DoubleEngine = createEngine(engineOptions);
  let requests: LiveRequest[] = [];
  let queue: CamundaFault[] = [...(options.faults ?? [])];
  let faultFunction = options.fault;
  let delay = options.delayMs;
  let tokens = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const connectionIds = new WeakMap<Socket, number>();
  let connectionCount = 0;

  const takeQueuedFault = (path: string): CamundaFault | undefined => {
    const index = queue.findIndex((fault) =>
      fault.path === undefined ? path.startsWith('/v2/') : fault.path === path
    );
    if (index === -1) return undefined;
    return queue.splice(index, 1)[0];
  };

  const unauthorized = (path: string, detail: string): HttpAnswer => ({
    status: 401,
    body: problem(401, path, 'UNAUTHORIZED', detail),
    headers: {
      'www-authenticate':
        auth.mode === 'basic' ? 'Basic realm="camunda"' : 'Bearer',
    },
  });

  const authenticate = (
    path: string,
    authorization: string | undefined
  ): HttpAnswer | undefined => {
    if (auth.mode === 'none') return undefined;
    if (auth.mode === 'basic') {
      const expected = `Basic ${Buffer.from(
        `${auth.username}:${auth.password}`
      ).toString('base64')}`;
      return authorization === expected
        ? undefined
        : unauthorized(path, 'Invalid or missing basic credentials.');
    }
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : tokens.get(token);
    if (expiresAt === undefined) {
      return unauthorized(path, 'Invalid or missing bearer token.');
    }
    return expiresAt > now()
      ? undefined
      : unauthorized(path, 'The bearer token has expired.');
  };

  const issueToken = (body: unknown): HttpAnswer => {
    if (auth.mode !== 'oauth') {
      return { status: 404, body: { error: 'not_found' } };
    }
    const form = (body ?? {}) as Record<string, string | undefined>;
    if (form.grant_type !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    if (
      form.client_id !== auth.clientId ||
      form.client_secret !== auth.clientSecret
    ) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Unauthorized' },
      };
    }
    if (form.audience !== (auth.audience ?? 'zeebe.camunda.io')) {
      return {
        status: 400,
        body: { error: 'invalid_request', error_description: 'Bad audience' },
      };
    }
    const expiresIn = auth.expiresInSeconds ?? 3600;
    const token = `double-${randomBytes(12).toString('hex')}`;
    tokens.set(token, now() + expiresIn * 1000);
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: expiresIn,
        scope: form.scope ?? '',
      },
    };
  };

  const answer = async (
    recorded: RecordedRequest,
    contentType: string,
    raw: Buffer
  ): Promise<HttpAnswer> => {
    if (recorded.path === TOKEN_PATH && recorded.method === 'POST') {
      return issueToken(recorded.body);
    }
    const denied = authenticate(recorded.path, recorded.headers.authorization);
    if (denied !== undefined) return denied;
    return handleApiRequest(
      { contract, engine, tenants: options.tenants },
      {
        method: recorded.method,
        path: recorded.path,
        contentType,
        rawBody: raw,
      }
    );
  };

  const send = (
    response: ServerResponse,
    recorded: LiveRequest,
    result: HttpAnswer
  ): void => {
    const isProblem = result.status >= 400 && result.body !== undefined;
    const payload =
      result.text ??
      (result.body === undefined ? '' : JSON.stringify(result.body));
    recorded.response = {
      kind: 'http',
      status: result.status,
      ...(result.text !== undefined
        ? { body: result.text }
        : result.body === undefined
          ? {}
          : { body: result.body }),
    };
    response.writeHead(result.status, {
      ...(payload
        ? {
            'content-type':
              result.contentType ??
              (isProblem && recorded.path !== TOKEN_PATH
                ? 'application/problem+json'
                : 'application/json'),
          }
        : {}),
      ...result.headers,
    });
    response.end(payload);
  };

  const applyFault = (
    fault: CamundaFault,
    request: IncomingMessage,
    response: ServerResponse,
    recorded: LiveRequest
  ): void => {
    if (fault.kind === 'reset') {
      recorded.response = { kind: 'reset' };
      request.socket.resetAndDestroy();
      return;
    }
    if (fault.kind === 'hang') {
      recorded.response = { kind: 'hang' };
      return;
    }
    send(response, recorded, {
      status: fault.status,
      body:
        fault.body ??
        problem(fault.status, recorded.path, fault.title, fault.detail),
      ...(fault.headers === undefined ? {} : { headers: fault.headers }),
    });
  };

  const onRequest = async (
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> => {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = headerRecord(request);
    const contentType = headers['content-type'] ?? '';
    let connectionId = connectionIds.get(request.socket);
    if (connectionId === undefined) {
      connectionCount += 1;
      connectionId = connectionCount;
      connectionIds.set(request.socket, connectionId);
    }
    const recorded: LiveRequest = {
      id: requests.length + 1,
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parseForLog(contentType, raw),
      rawBody: raw.toString('utf8'),
      receivedAt: now(),
      connectionId,
    };
    requests.push(recorded);

    const fault = takeQueuedFault(recorded.path) ?? faultFunction?.(recorded);
    const wait =
      fault?.delayMs ??
      (typeof delay === 'function' ? delay(recorded) : (delay ?? 0));
    if (wait > 0) await sleep(wait, timers);
    await options.pause?.(recorded);
    if (fault !== undefined && fault.afterProcessing !== true) {
      applyFault(fault, request, response, recorded);
      return;
    }
    const result = await answer(recorded, contentType, raw);
    // Multipart bodies are recorded as the handler parsed them.
    if (
      recorded.path === '/v2/deployments' &&
      result.parsedBody !== undefined
    ) {
      recorded.body = result.parsedBody;
    }
    if (fault !== undefined) {
      applyFault(fault, request, response, recorded);
      return;
    }
    send(response, recorded, result);
  };

  const server = createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/problem+json' });
        response.end(
          JSON.stringify(
            problem(
              500,
              request.url ?? '/',
              'INTERNAL',
              `Camunda double failed: ${error instanceof Error ? error.message : String(error)}`
            )
          )
        );
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const env = (): Record<string, string> => {
    const base = { CAMUNDA_REST_ADDRESS: `${url}/v2` };
    if (auth.mode === 'basic') {
      return {
        ...base,
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        CAMUNDA_BASIC_AUTH_USERNAME: auth.username,
        CAMUNDA_BASIC_AUTH_PASSWORD: auth.password,
      };
    }
    if (auth.mode === 'oauth') {
      return {
        ...base,
        CAMUNDA_AUTH_STRATEGY: 'OAUTH',
        CAMUNDA_CLIENT_ID: auth.clientId,
        CAMUNDA_CLIENT_SECRET: auth.clientSecret,
        CAMUNDA_OAUTH_URL: `${url}${TOKEN_PATH}`,
        CAMUNDA_TOKEN_AUDIENCE: auth.audience ?? 'zeebe.camunda.io',
      };
    }
    return { ...base, CAMUNDA_AUTH_STRATEGY: 'NONE' };
  };

  const double: CamundaDouble = {
    url,
    restAddress: `${url}/v2`,
    oauthUrl: `${url}${TOKEN_PATH}`,
    get requests() {
      return requests;
    },
    get instances() {
      return engine.instances;
    },
    get messages() {
      return engine.messages;
    },
    get processes() {
      return engine.processes;
    },
    get subscriptions() {
      return engine.subscriptions;
    },
    openSubscription: (command) => engine.openSubscription({ ...command }),
    deleteProcessDefinition: (key) => engine.deleteDefinition(key),
    env,
    requestsTo: (path, method) =>
      requests.filter(
        (r) => r.path === path && (method === undefined || r.method === method)
      ),
    enqueue: (...more) => {
      queue.push(...more);
    },
    setFault: (fault) => {
      faultFunction = fault;
    },
    setDelay: (delayMs) => {
      delay = delayMs;
    },
    revokeTokens: () => {
      tokens = new Map();
    },
    reset: () => {
      requests = [];
      queue = [...(options.faults ?? [])];
      faultFunction = options.fault;
      delay = options.delayMs;
      tokens = new Map();
      engine = createEngine(engineOptions);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return double;
};

export type {
  CamundaDouble,
  CamundaDoubleAuth,
  CamundaDoubleOptions,
  CamundaFault,
  CreatedInstance,
  KnownProcess,
  MessageSubscription,
  PublishedMessage,
  RecordedDeployment,
  RecordedRequest,
  RecordedResponse,
};
export { faults, startCamundaDouble };
