import { afterEach, describe, expect, it } from 'vitest';
import {
  type CamundaClient,
  CamundaRequestError,
  createCamundaClient,
  MAX_VARIABLES_BYTES,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import { loadCamundaContract } from '../support/camunda/contract.js';
import {
  type CamundaDouble,
  type CamundaDoubleOptions,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';

const CLIENT_SECRET = 'client-secret-5f2a9c';
const PASSWORD = 'basic-password-77e1';
const ORDER_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="order-process" isExecutable="true">
    <bpmn:startEvent id="start" />
  </bpmn:process>
</bpmn:definitions>`;

const doubles: CamundaDouble[] = [];

const start = async (
  options: CamundaDoubleOptions = {}
): Promise<CamundaDouble> => {
  const double = await startCamundaDouble(options);
  doubles.push(double);
  return double;
};

/** A fake clock the client and the double share. */
const clock = (startAt = Date.UTC(2026, 0, 1)) => {
  let now = startAt;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

const clientFor = (
  double: CamundaDouble,
  env: Record<string, string> = {},
  now?: () => number
): CamundaClient =>
  createCamundaClient(
    readCamundaConfig({ ...double.env(), ...env }),
    now === undefined ? {} : { now }
  );

const publication = (messageId: string) => ({
  name: 'payment-received',
  correlationKey: 'order-1',
  timeToLive: 3_600_000,
  messageId,
  variables: { amount: 12.5 },
});

const OAUTH = {
  auth: {
    mode: 'oauth',
    clientId: 'kafka-inbound',
    clientSecret: CLIENT_SECRET,
  },
} as const satisfies CamundaDoubleOptions;

describe('Function: createCamundaClient', () => {
  afterEach(async () => {
    await Promise.all(doubles.splice(0).map((double) => double.close()));
  });

  describe('Method: createProcessInstance', () => {
    it('creates an instance by process id and returns string keys', async () => {
      // Prepare
      const contract = await loadCamundaContract();
      const double = await start({ knownProcessIds: ['order-process'] });
      const client = clientFor(double);

      // Act
      const outcome = await client.createProcessInstance({
        processDefinitionId: 'order-process',
        variables: { orderId: 'o-1', total: 3 },
      });

      // Assess
      expect(outcome).toMatchObject({ kind: 'done', status: 200 });
      const body = outcome.kind === 'done' ? outcome.body : undefined;
      expect(contract.createProcessInstanceResult.safeParse(body).success).toBe(
        true
      );
      expect(body).toMatchObject({
        processDefinitionId: 'order-process',
        processInstanceKey: expect.stringMatching(/^[0-9]+$/),
      });
      expect(double.requestsTo('/v2/process-instances')[0]?.body).toEqual({
        processDefinitionId: 'order-process',
        variables: { orderId: 'o-1', total: 3 },
      });
      expect(double.instances).toHaveLength(1);
    });

    it('creates an instance by process definition key', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);
      const deployed = await client.deployResources([
        { name: 'order.bpmn', content: ORDER_BPMN },
      ]);
      const key = deployed.processes[0]?.processDefinitionKey ?? '';

      // Act
      const outcome = await client.createProcessInstance({
        processDefinitionKey: key,
        variables: { orderId: 'o-2' },
      });

      // Assess
      expect(outcome).toMatchObject({
        kind: 'done',
        body: { processDefinitionKey: key, processDefinitionVersion: 1 },
      });
      expect(double.requestsTo('/v2/process-instances')[0]?.body).toEqual({
        processDefinitionKey: key,
        variables: { orderId: 'o-2' },
      });
    });

    it('returns done with duplicate when an instance with the business id exists', async () => {
      // Prepare
      const double = await start({ businessIdUniqueness: true });
      const client = clientFor(double);
      const request = {
        processDefinitionId: 'order-process',
        businessId: 'orders:0:7',
      };
      const first = await client.createProcessInstance(request);

      // Act
      const again = await client.createProcessInstance(request);

      // Assess
      expect(first).toMatchObject({
        kind: 'done',
        status: 200,
        body: { businessId: 'orders:0:7' },
      });
      expect(again).toMatchObject({ kind: 'done', duplicate: true });
      expect(double.requestsTo('/v2/process-instances')[1]?.body).toEqual(
        request
      );
      expect(double.instances).toHaveLength(1);
    });

    it('sends the configured tenant when the request names none', async () => {
      // Prepare
      const double = await start({ tenants: ['<default>', 'tenant-a'] });
      const client = clientFor(double, { CAMUNDA_TENANT_ID: 'tenant-a' });

      // Act
      const outcome = await client.createProcessInstance({
        processDefinitionId: 'p',
      });

      // Assess
      expect(outcome).toMatchObject({
        kind: 'done',
        body: { tenantId: 'tenant-a' },
      });
      expect(double.requests[0]?.body).toEqual({
        processDefinitionId: 'p',
        tenantId: 'tenant-a',
      });
    });

    it('returns poison with Camunda detail for an unknown process id', async () => {
      // Prepare
      const double = await start({ knownProcessIds: ['order-process'] });
      const client = clientFor(double);

      // Act
      const outcome = await client.createProcessInstance({
        processDefinitionId: 'no-such-process',
      });

      // Assess
      expect(outcome).toEqual({
        kind: 'poison',
        status: 404,
        reason:
          "Camunda createProcessInstance: HTTP 404 NOT_FOUND: Command 'CREATE' rejected with code 'NOT_FOUND': Expected to find process definition with process ID 'no-such-process', but none found",
      });
    });

    it('returns poison without calling Camunda when variables are too large', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);

      // Act
      const outcome = await client.createProcessInstance({
        processDefinitionId: 'p',
        variables: { blob: 'x'.repeat(MAX_VARIABLES_BYTES) },
      });

      // Assess
      expect(outcome).toMatchObject({
        kind: 'poison',
        reason: expect.stringContaining(
          `over Camunda's limit of ${MAX_VARIABLES_BYTES} bytes`
        ),
      });
      expect(outcome).not.toHaveProperty('status');
      expect(double.requests).toHaveLength(0);
    });

    it('keeps keys that arrive as JSON numbers as exact strings', async () => {
      // Prepare: a pre-8.7 gateway sent keys as numbers beyond 2^53.
      const fetch = async (): Promise<Response> =>
        new Response(
          '{"processInstanceKey": 2251799813685249123, "processDefinitionKey":-7}',
          { status: 200, headers: { 'content-type': 'application/json' } }
        );
      const client = createCamundaClient(
        readCamundaConfig({ CAMUNDA_REST_ADDRESS: 'http://camunda.invalid' }),
        { fetch }
      );

      // Act
      const outcome = await client.createProcessInstance({
        processDefinitionId: 'p',
      });

      // Assess
      expect(outcome).toEqual({
        kind: 'done',
        status: 200,
        body: {
          processInstanceKey: '2251799813685249123',
          processDefinitionKey: '-7',
        },
      });
    });
  });

  describe('Method: publishMessage', () => {
    it('publishes a message with every field in the request body', async () => {
      // Prepare
      const contract = await loadCamundaContract();
      const double = await start();
      const client = clientFor(double);

      // Act
      const outcome = await client.publishMessage({
        ...publication('orders-0-42'),
        tenantId: '<default>',
      });

      // Assess
      expect(outcome).toMatchObject({ kind: 'done', status: 200 });
      expect(
        contract.messagePublicationResult.safeParse(
          outcome.kind === 'done' ? outcome.body : undefined
        ).success
      ).toBe(true);
      expect(double.requests[0]?.body).toEqual({
        name: 'payment-received',
        correlationKey: 'order-1',
        timeToLive: 3_600_000,
        messageId: 'orders-0-42',
        tenantId: '<default>',
        variables: { amount: 12.5 },
      });
      expect(double.requests[0]?.headers['content-type']).toBe(
        'application/json'
      );
    });

    it('returns done with duplicate when the message id was already published', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);
      await client.publishMessage(publication('orders-0-7'));

      // Act
      const outcome = await client.publishMessage(publication('orders-0-7'));

      // Assess
      expect(outcome).toMatchObject({
        kind: 'done',
        status: 409,
        duplicate: true,
      });
      expect(double.messages).toHaveLength(1);
    });

    it.each([
      { fault: faults.status(503), kind: 'retry', title: 'UNAVAILABLE' },
      {
        fault: faults.backpressure(503),
        kind: 'retry',
        title: 'RESOURCE_EXHAUSTED',
      },
      {
        fault: faults.backpressure(500),
        kind: 'retry',
        title: 'RESOURCE_EXHAUSTED',
      },
      {
        fault: faults.status(500, {
          title: 'INTERNAL',
          detail: 'Unexpected error: RESOURCE_EXHAUSTED while writing',
        }),
        kind: 'retry',
        title: 'INTERNAL',
      },
      { fault: faults.status(500), kind: 'poison', title: 'INTERNAL' },
      { fault: faults.status(429), kind: 'retry', title: 'TOO_MANY_REQUESTS' },
      { fault: faults.status(502), kind: 'retry', title: 'ABORTED' },
      { fault: faults.status(504), kind: 'retry', title: 'DEADLINE_EXCEEDED' },
      { fault: faults.status(400), kind: 'poison', title: 'INVALID_ARGUMENT' },
      { fault: faults.status(403), kind: 'poison', title: 'FORBIDDEN' },
      { fault: faults.status(404), kind: 'poison', title: 'NOT_FOUND' },
      {
        fault: faults.status(409, {
          title: 'INVALID_STATE',
          detail:
            'Expected to publish, but the partition is in an invalid state',
        }),
        kind: 'poison',
        title: 'INVALID_STATE',
      },
    ])(
      'returns $kind for HTTP $fault.status $title',
      async ({ fault, kind, title }) => {
        // Prepare
        const double = await start({ faults: [fault] });
        const client = clientFor(double);
        const status = fault.kind === 'status' ? fault.status : 0;

        // Act
        const outcome = await client.publishMessage(publication('m-1'));

        // Assess
        expect(outcome).toMatchObject({ kind, status });
        expect(outcome.kind === 'done' ? '' : outcome.reason).toMatch(
          new RegExp(`^Camunda publishMessage: HTTP ${status} ${title}: \\S`)
        );
        expect(double.requests).toHaveLength(1);
      }
    );

    it('returns retry when the connection is reset', async () => {
      // Prepare
      const double = await start({ faults: [faults.reset()] });
      const client = clientFor(double);

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome).toMatchObject({
        kind: 'retry',
        reason: expect.stringMatching(
          /^Camunda publishMessage: network error: fetch failed/
        ),
      });
      expect(outcome).not.toHaveProperty('status');
      expect(double.requests[0]?.response).toEqual({ kind: 'reset' });
    });

    it('returns retry when Camunda does not answer within the timeout', async () => {
      // Prepare
      const double = await start({ faults: [faults.hang()] });
      const client = clientFor(double, { CAMUNDA_REQUEST_TIMEOUT_MS: '150' });

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome).toEqual({
        kind: 'retry',
        reason: 'Camunda publishMessage: no response within 150 ms',
      });
    });

    it('returns retry when Camunda cannot be reached', async () => {
      // Prepare
      const double = await start();
      const env = double.env();
      await double.close();
      const client = createCamundaClient(readCamundaConfig(env));

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome).toMatchObject({
        kind: 'retry',
        reason: expect.stringContaining('ECONNREFUSED'),
      });
    });

    it('reuses kept-alive connections for consecutive calls', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);

      // Act
      for (let i = 0; i < 20; i++) {
        await client.publishMessage(publication(`m-${i}`));
      }

      // Assess
      const connections = new Set(double.requests.map((r) => r.connectionId));
      expect(double.requests).toHaveLength(20);
      expect(connections.size).toBeLessThanOrEqual(3);
    });
  });

  describe('Concurrency', () => {
    it('keeps at most maxConcurrentRequests calls in flight', async () => {
      // Prepare
      const double = await start({ delayMs: 5 });
      let inFlight = 0;
      let peak = 0;
      const fetch: typeof globalThis.fetch = async (input, init) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try {
          return await globalThis.fetch(input, init);
        } finally {
          inFlight -= 1;
        }
      };
      const client = createCamundaClient(
        readCamundaConfig({
          ...double.env(),
          CAMUNDA_MAX_CONCURRENT_REQUESTS: '4',
        }),
        { fetch }
      );

      // Act
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          client.publishMessage(publication(`m-${i}`))
        )
      );

      // Assess
      expect(outcomes.every((o) => o.kind === 'done')).toBe(true);
      expect(peak).toBe(4);
      expect(double.messages).toHaveLength(40);
      // A freed connection rejoins undici's pool a moment after its slot
      // does, so the pool may hold up to twice the limit.
      const connections = new Set(double.requests.map((r) => r.connectionId));
      expect(connections.size).toBeLessThanOrEqual(8);
    });
  });

  describe('Method: correlateMessage', () => {
    it('correlates a message', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);

      // Act
      const outcome = await client.correlateMessage({
        name: 'n',
        correlationKey: 'k',
        variables: { a: 1 },
      });

      // Assess
      expect(outcome).toMatchObject({
        kind: 'done',
        body: { processInstanceKey: expect.stringMatching(/^[0-9]+$/) },
      });
      expect(double.requests[0]?.body).toEqual({
        name: 'n',
        correlationKey: 'k',
        variables: { a: 1 },
      });
    });
  });

  describe('OAuth', () => {
    it('fetches one token and reuses it for later calls', async () => {
      // Prepare
      const double = await start(OAUTH);
      const client = clientFor(double);

      // Act
      for (let i = 0; i < 3; i++) {
        await client.publishMessage(publication(`m-${i}`));
      }

      // Assess
      const tokenRequests = double.requestsTo('/oauth/token');
      expect(tokenRequests).toHaveLength(1);
      expect(tokenRequests[0]?.body).toEqual({
        grant_type: 'client_credentials',
        client_id: 'kafka-inbound',
        client_secret: CLIENT_SECRET,
        audience: 'zeebe.camunda.io',
      });
      const authorizations = double
        .requestsTo('/v2/messages/publication')
        .map((r) => r.headers.authorization);
      expect(new Set(authorizations).size).toBe(1);
      expect(authorizations[0]).toMatch(/^Bearer double-/);
    });

    it('shares one token request between concurrent calls', async () => {
      // Prepare
      const double = await start(OAUTH);
      const client = clientFor(double);

      // Act
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          client.publishMessage(publication(`m-${i}`))
        )
      );

      // Assess
      expect(outcomes.every((o) => o.kind === 'done')).toBe(true);
      expect(double.requestsTo('/oauth/token')).toHaveLength(1);
    });

    it('fetches a new token max(30 s, 5 %) before the old one expires', async () => {
      // Prepare: 3600 s lifetime → refresh 180 s before expiry.
      const time = clock();
      const double = await start({ ...OAUTH, now: time.now });
      const client = clientFor(double, {}, time.now);
      await client.publishMessage(publication('m-0'));

      // Act
      time.advance((3600 - 180) * 1000 - 1);
      await client.publishMessage(publication('m-1'));
      const beforeRefresh = double.requestsTo('/oauth/token').length;
      time.advance(1);
      await client.publishMessage(publication('m-2'));

      // Assess
      expect(beforeRefresh).toBe(1);
      expect(double.requestsTo('/oauth/token')).toHaveLength(2);
      expect(double.requests.every((r) => r.response?.kind === 'http')).toBe(
        true
      );
    });

    it('refreshes 30 s before expiry when 5 % of the lifetime is shorter', async () => {
      // Prepare: 300 s lifetime → 5 % is 15 s, so 30 s applies.
      const time = clock();
      const double = await start({
        auth: { ...OAUTH.auth, expiresInSeconds: 300 },
        now: time.now,
      });
      const client = clientFor(double, {}, time.now);
      await client.publishMessage(publication('m-0'));

      // Act
      time.advance(269_999);
      await client.publishMessage(publication('m-1'));
      const beforeRefresh = double.requestsTo('/oauth/token').length;
      time.advance(1);
      await client.publishMessage(publication('m-2'));

      // Assess
      expect(beforeRefresh).toBe(1);
      expect(double.requestsTo('/oauth/token')).toHaveLength(2);
    });

    it('refreshes the token once and repeats the call after a 401', async () => {
      // Prepare
      const double = await start(OAUTH);
      const client = clientFor(double);
      await client.publishMessage(publication('m-0'));
      double.revokeTokens();

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome).toMatchObject({ kind: 'done', status: 200 });
      expect(double.requests.map((r) => [r.path, r.response])).toEqual([
        ['/oauth/token', expect.objectContaining({ status: 200 })],
        ['/v2/messages/publication', expect.objectContaining({ status: 200 })],
        ['/v2/messages/publication', expect.objectContaining({ status: 401 })],
        ['/oauth/token', expect.objectContaining({ status: 200 })],
        ['/v2/messages/publication', expect.objectContaining({ status: 200 })],
      ]);
    });

    it('returns retry when the call is still refused after the refresh', async () => {
      // Prepare
      const double = await start({
        ...OAUTH,
        faults: [faults.status(401), faults.status(401)],
      });
      const client = clientFor(double);

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome).toMatchObject({
        kind: 'retry',
        status: 401,
        reason: expect.stringMatching(
          /HTTP 401 UNAUTHORIZED.*after a token refresh$/
        ),
      });
      expect(double.requestsTo('/oauth/token')).toHaveLength(2);
      expect(double.requestsTo('/v2/messages/publication')).toHaveLength(2);
    });

    it('returns retry without the secret when the token endpoint refuses', async () => {
      // Prepare
      const double = await start(OAUTH);
      const client = clientFor(double, {
        CAMUNDA_CLIENT_SECRET: 'wrong-secret-1',
      });

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome).toEqual({
        kind: 'retry',
        reason: `Camunda publishMessage: OAuth token request to ${double.url} failed: HTTP 401 invalid_client: Unauthorized`,
      });
      expect(double.requestsTo('/v2/messages/publication')).toHaveLength(0);
    });

    it('returns retry when the token endpoint is down', async () => {
      // Prepare
      const double = await start({
        ...OAUTH,
        faults: [faults.status(503, { path: '/oauth/token' })],
      });
      const client = clientFor(double);

      // Act
      const first = await client.publishMessage(publication('m-1'));
      const second = await client.publishMessage(publication('m-1'));

      // Assess
      expect(first).toMatchObject({
        kind: 'retry',
        reason: expect.stringContaining('HTTP 503'),
      });
      expect(second).toMatchObject({ kind: 'done' });
    });
  });

  describe('Basic auth', () => {
    it('sends the basic authorization header', async () => {
      // Prepare
      const double = await start({
        auth: { mode: 'basic', username: 'demo', password: PASSWORD },
      });
      const client = clientFor(double);

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome.kind).toBe('done');
      expect(double.requests[0]?.headers.authorization).toBe(
        `Basic ${Buffer.from(`demo:${PASSWORD}`).toString('base64')}`
      );
    });

    it('returns retry on a 401 without repeating the call', async () => {
      // Prepare
      const double = await start({
        auth: { mode: 'basic', username: 'demo', password: PASSWORD },
      });
      const client = clientFor(double, {
        CAMUNDA_BASIC_AUTH_PASSWORD: 'wrong-password',
      });

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome).toMatchObject({ kind: 'retry', status: 401 });
      expect(double.requests).toHaveLength(1);
    });

    it('sends no authorization header with NONE', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);

      // Act
      await client.publishMessage(publication('m-1'));

      // Assess
      expect(double.requests[0]?.headers).not.toHaveProperty('authorization');
    });
  });

  describe('Secrets', () => {
    it.each([
      {
        mode: 'oauth',
        options: OAUTH,
        secrets: () => [CLIENT_SECRET],
      },
      {
        mode: 'basic',
        options: {
          auth: { mode: 'basic', username: 'demo', password: PASSWORD },
        } as const satisfies CamundaDoubleOptions,
        secrets: () => [
          PASSWORD,
          Buffer.from(`demo:${PASSWORD}`).toString('base64'),
        ],
      },
    ])(
      'keeps $mode credentials out of reasons even when Camunda echoes them',
      async ({ options, secrets }) => {
        // Prepare: a gateway that puts the request's credentials in its answer.
        const double = await start({
          ...options,
          fault: (request) =>
            request.path.startsWith('/v2/')
              ? faults.status(400, {
                  detail: `bad request with ${request.headers.authorization}`,
                })
              : undefined,
        });
        const client = clientFor(double);

        // Act
        const outcome = await client.publishMessage(publication('m-1'));

        // Assess
        const reason = outcome.kind === 'done' ? '' : outcome.reason;
        const authorization =
          double.requestsTo('/v2/messages/publication')[0]?.headers
            .authorization ?? '';
        const token = authorization.replace(/^\w+ /, '');
        expect(reason).toContain('bad request with');
        for (const secret of [...secrets(), token]) {
          expect(reason).not.toContain(secret);
        }
      }
    );
  });

  describe('Secrets in token errors', () => {
    it('keeps the client secret out of the reason when the token endpoint echoes it', async () => {
      // Prepare
      const double = await start({
        ...OAUTH,
        fault: (request) => {
          const form = request.body as Record<string, string> | undefined;
          return request.path === '/oauth/token'
            ? faults.status(400, {
                body: {
                  error: 'invalid_request',
                  error_description: `secret ${form?.client_secret} is odd`,
                },
              })
            : undefined;
        },
      });
      const client = clientFor(double);

      // Act
      const outcome = await client.publishMessage(publication('m-1'));

      // Assess
      expect(outcome).toEqual({
        kind: 'retry',
        reason: `Camunda publishMessage: OAuth token request to ${double.url} failed: HTTP 400 invalid_request: secret *** is odd`,
      });
    });
  });

  describe('Method: deployResources', () => {
    it('deploys BPMN files as multipart and returns the process definitions', async () => {
      // Prepare
      const contract = await loadCamundaContract();
      const double = await start({ tenants: ['<default>', 'tenant-a'] });
      const client = clientFor(double);

      // Act
      const summary = await client.deployResources(
        [
          { name: 'order.bpmn', content: ORDER_BPMN },
          {
            name: 'invoice.bpmn',
            content: new TextEncoder().encode(
              ORDER_BPMN.replace('order-process', 'invoice-process')
            ),
          },
        ],
        'tenant-a'
      );

      // Assess
      expect(summary).toEqual({
        deploymentKey: expect.stringMatching(/^[0-9]+$/),
        tenantId: 'tenant-a',
        processes: [
          {
            processDefinitionId: 'order-process',
            processDefinitionVersion: 1,
            processDefinitionKey: expect.stringMatching(/^[0-9]+$/),
            resourceName: 'order.bpmn',
            tenantId: 'tenant-a',
          },
          {
            processDefinitionId: 'invoice-process',
            processDefinitionVersion: 1,
            processDefinitionKey: expect.stringMatching(/^[0-9]+$/),
            resourceName: 'invoice.bpmn',
            tenantId: 'tenant-a',
          },
        ],
      });
      const request = double.requestsTo('/v2/deployments')[0];
      expect(request?.headers['content-type']).toMatch(
        /^multipart\/form-data; boundary=/
      );
      expect(request?.body).toEqual({
        resources: [
          { name: 'order.bpmn', size: expect.any(Number), text: ORDER_BPMN },
          {
            name: 'invoice.bpmn',
            size: expect.any(Number),
            text: expect.stringContaining('invoice-process'),
          },
        ],
        tenantId: 'tenant-a',
      });
      expect(
        contract.deploymentResult.safeParse(
          request?.response && 'body' in request.response
            ? request.response.body
            : undefined
        ).success
      ).toBe(true);
    });

    it('keeps the version of an unchanged file and raises it for a changed one', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);
      const first = await client.deployResources([
        { name: 'order.bpmn', content: ORDER_BPMN },
      ]);

      // Act
      const same = await client.deployResources([
        { name: 'order.bpmn', content: ORDER_BPMN },
      ]);
      const changed = await client.deployResources([
        { name: 'order.bpmn', content: `${ORDER_BPMN}\n<!-- v2 -->` },
      ]);

      // Assess
      expect(same.processes[0]).toEqual(first.processes[0]);
      expect(changed.processes[0]).toMatchObject({
        processDefinitionVersion: 2,
      });
      expect(changed.processes[0]?.processDefinitionKey).not.toBe(
        first.processes[0]?.processDefinitionKey
      );
    });

    it('throws CamundaRequestError with a poison outcome when Camunda rejects the files', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);

      // Act
      const attempt = client.deployResources([
        { name: 'notes.txt', content: 'hello' },
      ]);

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(CamundaRequestError);
      await expect(attempt).rejects.toMatchObject({
        operation: 'deployResources',
        outcome: {
          kind: 'poison',
          status: 400,
          reason: expect.stringContaining(
            "'notes.txt': Resource type is not supported"
          ),
        },
      });
    });

    it('throws CamundaRequestError with a retry outcome on backpressure', async () => {
      // Prepare
      const double = await start({ faults: [faults.backpressure()] });
      const client = clientFor(double);

      // Act
      const attempt = client.deployResources([
        { name: 'order.bpmn', content: ORDER_BPMN },
      ]);

      // Assess
      await expect(attempt).rejects.toMatchObject({
        name: 'CamundaRequestError',
        outcome: { kind: 'retry', status: 503 },
      });
    });
  });

  describe('Method: getTopology', () => {
    it('returns the cluster topology', async () => {
      // Prepare
      const double = await start(OAUTH);
      const client = clientFor(double);

      // Act
      const topology = await client.getTopology();

      // Assess
      expect(topology).toEqual({
        gatewayVersion: '8.9.0',
        clusterSize: 1,
        partitionsCount: 1,
        replicationFactor: 1,
        brokers: [
          {
            nodeId: 0,
            host: '127.0.0.1',
            port: 26501,
            version: '8.9.0',
            partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
          },
        ],
      });
      expect(double.requestsTo('/v2/topology', 'GET')).toHaveLength(1);
    });

    it('throws CamundaRequestError when Camunda is unavailable', async () => {
      // Prepare
      const double = await start({ faults: [faults.status(503)] });
      const client = clientFor(double);

      // Act & Assess
      await expect(client.getTopology()).rejects.toMatchObject({
        outcome: { kind: 'retry', status: 503 },
        message: expect.stringContaining('Camunda getTopology: HTTP 503'),
      });
    });
  });

  describe('Methods: the version and deployment queries', () => {
    const CATCH_BPMN = (
      processId: string,
      topic: string
    ) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:documentation>${topic}</bpmn:documentation></bpmn:intermediateCatchEvent>
  </bpmn:process>
</bpmn:definitions>`;

    it('pages through waiting subscriptions of one definition, filtered by key and state, each answer valid by the contract', async () => {
      // Prepare
      const double = await start(OAUTH);
      const client = clientFor(double);
      const contract = await loadCamundaContract();
      const [v1] = (
        await client.deployResources([
          { name: 'order.bpmn', content: CATCH_BPMN('order', 'a') },
        ])
      ).processes;
      const [v2] = (
        await client.deployResources([
          { name: 'order.bpmn', content: CATCH_BPMN('order', 'b') },
        ])
      ).processes;
      const key = v1?.processDefinitionKey ?? '';
      for (let i = 0; i < 5; i++) {
        double.openSubscription({
          processDefinitionKey: key,
          elementId: 'wait',
          messageName: 'paid',
          correlationKey: `o-${i}`,
        });
      }
      double.openSubscription({
        processDefinitionKey: v2?.processDefinitionKey ?? '',
        elementId: 'wait',
        messageName: 'paid',
        correlationKey: 'other',
      });
      await client.publishMessage({
        name: 'paid',
        correlationKey: 'o-0',
        timeToLive: 0,
        messageId: '',
      });

      // Act
      const pages = [];
      let after: string | undefined;
      do {
        const page = await client.searchMessageSubscriptions({
          processDefinitionKey: key,
          state: 'CREATED',
          limit: 2,
          ...(after === undefined ? {} : { after }),
        });
        pages.push(page);
        after = page.items.length === 0 ? undefined : page.endCursor;
      } while (after !== undefined);

      // Assess
      expect(pages.map((page) => page.items.length)).toEqual([2, 2, 0]);
      expect(
        pages.flatMap((page) =>
          page.items.map((item) => item.processDefinitionKey)
        )
      ).toEqual([key, key, key, key]);
      expect(pages[0]).toMatchObject({
        totalItems: 4,
        hasMoreTotalItems: false,
      });
      expect(pages[0]?.items[0]).toMatchObject({
        elementId: 'wait',
        messageName: 'paid',
        processDefinitionId: 'order',
        state: 'CREATED',
      });
      const searches = double.requestsTo(
        '/v2/message-subscriptions/search',
        'POST'
      );
      expect(searches[0]?.body).toEqual({
        filter: {
          processDefinitionKey: key,
          messageSubscriptionState: 'CREATED',
        },
        page: { limit: 2 },
      });
      expect(searches[1]?.body).toMatchObject({
        page: { limit: 2, after: pages[0]?.endCursor },
      });
      for (const request of searches) {
        expect(request.response).toMatchObject({ kind: 'http', status: 200 });
        const body =
          request.response?.kind === 'http' ? request.response.body : undefined;
        expect(
          contract.messageSubscriptionSearchResult.safeParse(body).success
        ).toBe(true);
      }
    });

    it('finds the latest active definitions, reads one and its XML, and reports a deleted one', async () => {
      // Prepare
      const double = await start();
      const client = clientFor(double);
      const contract = await loadCamundaContract();
      await client.deployResources([
        { name: 'order.bpmn', content: CATCH_BPMN('order', 'a') },
      ]);
      const [latest] = (
        await client.deployResources([
          { name: 'order.bpmn', content: CATCH_BPMN('order', 'b') },
        ])
      ).processes;
      await client.deployResources([
        { name: 'invoice.bpmn', content: CATCH_BPMN('invoice', 'c') },
      ]);

      // Act
      const first = await client.searchLatestProcessDefinitions({ limit: 1 });
      const second = await client.searchLatestProcessDefinitions({
        limit: 1,
        ...(first.endCursor === undefined ? {} : { after: first.endCursor }),
      });
      const definition = await client.getProcessDefinition(
        latest?.processDefinitionKey ?? ''
      );
      const xml = await client.getProcessDefinitionXml(
        latest?.processDefinitionKey ?? ''
      );
      double.deleteProcessDefinition(latest?.processDefinitionKey ?? '');
      const afterDelete = await client.searchLatestProcessDefinitions({
        limit: 10,
      });
      const deleted = await client.getProcessDefinition(
        latest?.processDefinitionKey ?? ''
      );
      const unknown = await client.getProcessDefinition('2251799813699999');

      // Assess
      expect(
        [...first.items, ...second.items].map((d) => [
          d.processDefinitionId,
          d.version,
        ])
      ).toEqual([
        ['order', 2],
        ['invoice', 1],
      ]);
      expect(
        double.requestsTo('/v2/process-definitions/search', 'POST')[0]?.body
      ).toEqual({
        filter: { isLatestVersion: true, state: 'ACTIVE' },
        page: { limit: 1 },
      });
      expect(definition).toMatchObject({
        processDefinitionId: 'order',
        version: 2,
        state: 'ACTIVE',
      });
      expect(xml).toBe(CATCH_BPMN('order', 'b'));
      expect(
        double.requestsTo(
          `/v2/process-definitions/${latest?.processDefinitionKey}/xml`,
          'GET'
        )[0]?.headers.accept
      ).toBe('text/xml, application/problem+json');
      // A deleted latest version hands "latest" back to version 1.
      expect(
        afterDelete.items.map((d) => [d.processDefinitionId, d.version])
      ).toEqual([
        ['order', 1],
        ['invoice', 1],
      ]);
      expect(deleted).toMatchObject({ state: 'DELETED' });
      expect(unknown).toBeUndefined();
      for (const request of double.requestsTo(
        '/v2/process-definitions/search',
        'POST'
      )) {
        const body =
          request.response?.kind === 'http' ? request.response.body : undefined;
        expect(
          contract.processDefinitionSearchResult.safeParse(body).success
        ).toBe(true);
      }
      const read = double.requests.find(
        (r) =>
          r.path === `/v2/process-definitions/${latest?.processDefinitionKey}`
      );
      const readBody =
        read?.response?.kind === 'http' ? read.response.body : undefined;
      expect(contract.processDefinitionResult.safeParse(readBody).success).toBe(
        true
      );
    });

    it('throws CamundaRequestError (retry) when a search meets backpressure, and for the XML of an unknown key (poison)', async () => {
      // Prepare
      const double = await start({ faults: [faults.backpressure()] });
      const client = clientFor(double);

      // Act & Assess
      await expect(
        client.searchMessageSubscriptions({
          processDefinitionKey: '1',
          state: 'CREATED',
          limit: 10,
        })
      ).rejects.toMatchObject({ outcome: { kind: 'retry', status: 503 } });
      await expect(
        client.getProcessDefinitionXml('2251799813699999')
      ).rejects.toMatchObject({
        operation: 'getProcessDefinitionXml',
        outcome: { kind: 'poison', status: 404 },
      });
    });
  });
});
