import { afterEach, describe, expect, it } from 'vitest';
import { loadCamundaContract } from '../support/camunda/contract.js';
import {
  type CamundaDouble,
  type CamundaDoubleOptions,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';

const doubles: CamundaDouble[] = [];

const start = async (
  options: CamundaDoubleOptions = {}
): Promise<CamundaDouble> => {
  const double = await startCamundaDouble(options);
  doubles.push(double);
  return double;
};

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
}

const post = async (
  double: CamundaDouble,
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' }
): Promise<Answer> => {
  const response = await fetch(`${double.url}${path}`, {
    method: 'POST',
    headers,
    body:
      body instanceof FormData || typeof body === 'string'
        ? body
        : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : undefined,
  };
};

const bpmn = (processId: string, startEvent: string): string =>
  `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
  <bpmn:process id="${processId}" isExecutable="true">${startEvent}</bpmn:process>
</bpmn:definitions>`;

const deploymentForm = (files: Record<string, string>): FormData => {
  const form = new FormData();
  for (const [name, text] of Object.entries(files)) {
    form.append('resources', new Blob([text]), name);
  }
  return form;
};

describe('Function: startCamundaDouble', () => {
  afterEach(async () => {
    await Promise.all(doubles.splice(0).map((double) => double.close()));
  });

  describe('contract validation', () => {
    it.each([
      {
        case: 'an unknown key on create by id',
        path: '/v2/process-instances',
        body: { processDefinitionId: 'p', bpmnProcessId: 'p' },
        title: 'INVALID_ARGUMENT',
        detail: 'Request properties [bpmnProcessId] are not allowed',
      },
      {
        case: 'an unknown key on create by key',
        path: '/v2/process-instances',
        body: { processDefinitionKey: '1', version: 2 },
        title: 'INVALID_ARGUMENT',
        detail: 'Request properties [version] are not allowed',
      },
      {
        case: 'a numeric processDefinitionKey',
        path: '/v2/process-instances',
        body: { processDefinitionKey: 2251799813685249 },
        title: 'Bad Request',
        detail: 'Request property [processDefinitionKey] cannot be parsed',
      },
      {
        case: 'a processDefinitionKey that is not a long',
        path: '/v2/process-instances',
        body: { processDefinitionKey: 'abc' },
        title: 'INVALID_ARGUMENT',
        detail: 'processDefinitionKey: ',
      },
      {
        case: 'neither id nor key',
        path: '/v2/process-instances',
        body: { variables: {} },
        title: 'INVALID_ARGUMENT',
        detail:
          'At least one of [processDefinitionId, processDefinitionKey] is required',
      },
      {
        case: 'both id and key',
        path: '/v2/process-instances',
        body: { processDefinitionId: 'p', processDefinitionKey: '1' },
        title: 'INVALID_ARGUMENT',
        detail:
          'Only one of [processDefinitionId, processDefinitionKey] is allowed',
      },
      {
        case: 'variables that are not an object',
        path: '/v2/process-instances',
        body: { processDefinitionId: 'p', variables: [1, 2] },
        title: 'Bad Request',
        detail: 'Request property [variables] cannot be parsed',
      },
      {
        case: 'a publication without name',
        path: '/v2/messages/publication',
        body: { correlationKey: 'k', timeToLive: 1000 },
        title: 'INVALID_ARGUMENT',
        detail: 'name: Invalid input: expected string, received undefined',
      },
      {
        case: 'an unknown key on a publication',
        path: '/v2/messages/publication',
        body: { name: 'n', messageName: 'n' },
        title: 'INVALID_ARGUMENT',
        detail: 'Request properties [messageName] are not allowed',
      },
      {
        case: 'a correlation with a time to live',
        path: '/v2/messages/correlation',
        body: { name: 'n', timeToLive: 1000 },
        title: 'INVALID_ARGUMENT',
        detail: 'Request properties [timeToLive] are not allowed',
      },
      {
        case: 'a malformed tenant id',
        path: '/v2/messages/publication',
        body: { name: 'n', tenantId: 'a b' },
        title: 'INVALID_ARGUMENT',
        detail: 'tenantId: ',
      },
      {
        case: 'an unknown filter key on a message-subscription search',
        path: '/v2/message-subscriptions/search',
        body: { filter: { processDefinitionKey: '1', state: 'CREATED' } },
        title: 'INVALID_ARGUMENT',
        detail: 'Request properties [state] are not allowed',
      },
      {
        case: 'a subscription state Camunda does not know',
        path: '/v2/message-subscriptions/search',
        body: { filter: { messageSubscriptionState: 'WAITING' } },
        title: 'INVALID_ARGUMENT',
        detail: 'filter.messageSubscriptionState',
      },
      {
        case: 'a page limit of 0',
        path: '/v2/process-definitions/search',
        body: { page: { limit: 0 } },
        title: 'INVALID_ARGUMENT',
        detail: 'page',
      },
      {
        case: 'a cursor that is not base64',
        path: '/v2/process-definitions/search',
        body: { page: { after: 'not a cursor!' } },
        title: 'INVALID_ARGUMENT',
        detail: 'page',
      },
      {
        case: 'an unknown key on a process-definition search',
        path: '/v2/process-definitions/search',
        body: { filter: { latest: true } },
        title: 'INVALID_ARGUMENT',
        detail: 'Request properties [latest] are not allowed',
      },
    ])(
      'rejects $case with a 400 problem',
      async ({ path, body, title, detail }) => {
        // Prepare
        const double = await start();

        // Act
        const answer = await post(double, path, body);

        // Assess
        expect(answer.status).toBe(400);
        expect(answer.contentType).toBe('application/problem+json');
        expect(answer.body).toMatchObject({
          type: 'about:blank',
          title,
          status: 400,
          detail: expect.stringContaining(detail),
          instance: path,
        });
        expect(double.instances).toHaveLength(0);
        expect(double.messages).toHaveLength(0);
        expect(double.requests[0]?.body).toEqual(body);
      }
    );

    it('rejects a process definition key that is not a key in the XML path, before looking it up', async () => {
      // Prepare
      const double = await start();

      // Act
      const response = await fetch(
        `${double.url}/v2/process-definitions/order/xml`
      );

      // Assess
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        status: 400,
        detail: "Failed to convert 'processDefinitionKey' with value: 'order'",
        instance: '/v2/process-definitions/order/xml',
      });
    });

    it('rejects a body that is not JSON', async () => {
      // Prepare
      const double = await start();

      // Act
      const answer = await post(double, '/v2/messages/publication', '{"name":');

      // Assess
      expect(answer).toMatchObject({
        status: 400,
        body: { title: 'Bad Request', detail: 'Failed to read request' },
      });
    });

    it('rejects a JSON endpoint called without a JSON content type', async () => {
      // Prepare
      const double = await start();

      // Act
      const answer = await post(double, '/v2/messages/publication', '{}', {
        'content-type': 'text/plain',
      });

      // Assess
      expect(answer).toMatchObject({ status: 415 });
    });

    it.each([
      {
        case: 'no resources',
        form: () => {
          const form = new FormData();
          form.append('tenantId', '<default>');
          return form;
        },
        detail: 'resources: ',
      },
      {
        case: 'an unknown form part',
        form: () => {
          const form = deploymentForm({ 'a.bpmn': bpmn('a', '') });
          form.append('deploymentName', 'x');
          return form;
        },
        detail: 'Request properties [deploymentName] are not allowed',
      },
      {
        case: 'a resource sent as a text field',
        form: () => {
          const form = new FormData();
          form.append('resources', bpmn('a', ''));
          return form;
        },
        detail: 'Expected File',
      },
      {
        case: 'an unsupported file type',
        form: () => deploymentForm({ 'notes.txt': 'hello' }),
        detail: "'notes.txt': Resource type is not supported",
      },
      {
        case: 'a BPMN file without an executable process',
        form: () =>
          deploymentForm({
            'empty.bpmn': '<bpmn:definitions xmlns:bpmn="x"/>',
          }),
        detail: "'empty.bpmn': Must contain at least one executable process",
      },
    ])('rejects a deployment with $case', async ({ form, detail }) => {
      // Prepare
      const double = await start();

      // Act
      const answer = await post(double, '/v2/deployments', form(), {});

      // Assess
      expect(answer).toMatchObject({
        status: 400,
        body: { detail: expect.stringContaining(detail) },
      });
      expect(double.processes).toHaveLength(0);
    });

    it('answers with bodies that match Camunda response schemas', async () => {
      // Prepare
      const contract = await loadCamundaContract();
      const double = await start();

      // Act
      const deployed = await post(
        double,
        '/v2/deployments',
        deploymentForm({ 'p.bpmn': bpmn('p', '<bpmn:startEvent id="s"/>') }),
        {}
      );
      const created = await post(double, '/v2/process-instances', {
        processDefinitionId: 'p',
      });
      const published = await post(double, '/v2/messages/publication', {
        name: 'n',
      });
      const correlated = await post(double, '/v2/messages/correlation', {
        name: 'n',
      });
      const rejected = await post(double, '/v2/process-instances', {});
      const topology = await (await fetch(`${double.url}/v2/topology`)).json();

      // Assess
      expect(contract.deploymentResult.parse(deployed.body)).toBeDefined();
      expect(
        contract.createProcessInstanceResult.parse(created.body)
      ).toBeDefined();
      expect(
        contract.messagePublicationResult.parse(published.body)
      ).toBeDefined();
      expect(
        contract.messageCorrelationResult.parse(correlated.body)
      ).toBeDefined();
      expect(contract.problemDetail.parse(rejected.body)).toBeDefined();
      expect(contract.topologyResponse.parse(topology)).toBeDefined();
    });

    it('reports which generated schema file it validates against', async () => {
      // Act
      const contract = await loadCamundaContract();

      // Assess
      expect(contract.source).toMatch(
        /^@camunda8\/orchestration-cluster-api\/dist\/zod\.gen-[\w-]+\.js$/
      );
    });
  });

  describe('engine rules', () => {
    it('returns 404 for a process id it does not know', async () => {
      // Prepare
      const double = await start({ knownProcessIds: ['known'] });

      // Act
      const known = await post(double, '/v2/process-instances', {
        processDefinitionId: 'known',
      });
      const unknown = await post(double, '/v2/process-instances', {
        processDefinitionId: 'unknown',
      });

      // Assess
      expect(known.status).toBe(200);
      expect(unknown).toMatchObject({
        status: 404,
        body: {
          title: 'NOT_FOUND',
          detail:
            "Command 'CREATE' rejected with code 'NOT_FOUND': Expected to find process definition with process ID 'unknown', but none found",
        },
      });
    });

    it('returns 404 for a process definition key it does not know', async () => {
      // Prepare
      const double = await start();

      // Act
      const answer = await post(double, '/v2/process-instances', {
        processDefinitionKey: '42',
      });

      // Assess
      expect(answer).toMatchObject({ status: 404 });
    });

    it('returns 409 INVALID_STATE when the process has no none start event', async () => {
      // Prepare
      const double = await start();
      await post(
        double,
        '/v2/deployments',
        deploymentForm({
          'm.bpmn': bpmn(
            'message-only',
            '<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>'
          ),
        }),
        {}
      );

      // Act
      const answer = await post(double, '/v2/process-instances', {
        processDefinitionId: 'message-only',
      });

      // Assess
      expect(answer).toMatchObject({
        status: 409,
        body: { title: 'INVALID_STATE' },
      });
    });

    it('rejects a message id published again within its time to live, not after', async () => {
      // Prepare
      let now = 1_000_000;
      const double = await start({ now: () => now });
      const message = {
        name: 'n',
        correlationKey: 'k',
        messageId: 'id-1',
        timeToLive: 60_000,
      };
      await post(double, '/v2/messages/publication', message);

      // Act
      const within = await post(double, '/v2/messages/publication', message);
      const otherKey = await post(double, '/v2/messages/publication', {
        ...message,
        correlationKey: 'other',
      });
      now += 60_000;
      const after = await post(double, '/v2/messages/publication', message);

      // Assess
      expect(within).toMatchObject({
        status: 409,
        body: {
          title: 'ALREADY_EXISTS',
          detail: expect.stringContaining(
            "Expected to publish a new message with id 'id-1', but a message with that id was already published"
          ),
        },
      });
      expect(otherKey.status).toBe(200);
      expect(after.status).toBe(200);
      expect(double.messages).toHaveLength(3);
    });

    it('rejects a business id in use for the same process only when uniqueness is on', async () => {
      // Prepare
      const strict = await start({ businessIdUniqueness: true });
      const lenient = await start();
      const create = { processDefinitionId: 'order', businessId: 'b-1' };
      const first = await post(strict, '/v2/process-instances', create);
      await post(lenient, '/v2/process-instances', create);

      // Act
      const again = await post(strict, '/v2/process-instances', create);
      const otherProcess = await post(strict, '/v2/process-instances', {
        ...create,
        processDefinitionId: 'invoice',
      });
      const lenientAgain = await post(lenient, '/v2/process-instances', create);

      // Assess
      expect(first.body).toMatchObject({ businessId: 'b-1' });
      expect(again).toMatchObject({
        status: 409,
        body: {
          title: 'ALREADY_EXISTS',
          detail:
            "Command 'CREATE' rejected with code 'ALREADY_EXISTS': Expected to create instance of process with business id 'b-1', but an instance with this business id already exists for process definition 'order'",
        },
      });
      expect(otherProcess.status).toBe(200);
      expect(lenientAgain.status).toBe(200);
      expect(strict.instances.map((i) => i.businessId)).toEqual(['b-1', 'b-1']);
      expect(lenient.instances).toHaveLength(2);
    });

    it('does not remember the id of a message without time to live', async () => {
      // Prepare
      const double = await start();
      const message = { name: 'n', messageId: 'id-1', timeToLive: 0 };
      await post(double, '/v2/messages/publication', message);

      // Act
      const again = await post(double, '/v2/messages/publication', message);

      // Assess
      expect(again.status).toBe(200);
    });

    it('rejects a tenant when multi-tenancy is off and checks it when on', async () => {
      // Prepare
      const off = await start();
      const on = await start({ tenants: ['<default>', 'tenant-a'] });
      const body = { name: 'n', tenantId: 'tenant-b' };

      // Act
      const whenOff = await post(off, '/v2/messages/publication', body);
      const whenOn = await post(on, '/v2/messages/publication', body);

      // Assess
      expect(whenOff).toMatchObject({
        status: 400,
        body: { detail: expect.stringContaining('multi-tenancy is disabled') },
      });
      expect(whenOn).toMatchObject({ status: 403 });
    });
  });

  describe('faults', () => {
    it('consumes queued faults in order, one per request', async () => {
      // Prepare
      const double = await start();
      double.enqueue(faults.status(503), faults.status(429));

      // Act
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (await post(double, '/v2/messages/publication', { name: 'n' })).status
        );
      }

      // Assess
      expect(statuses).toEqual([503, 429, 200]);
      expect(double.messages).toHaveLength(1);
    });

    it('applies a queued fault only to its path', async () => {
      // Prepare
      const double = await start({
        faults: [faults.status(502, { path: '/v2/process-instances' })],
      });

      // Act
      const publish = await post(double, '/v2/messages/publication', {
        name: 'n',
      });
      const create = await post(double, '/v2/process-instances', {
        processDefinitionId: 'p',
      });

      // Assess
      expect(publish.status).toBe(200);
      expect(create).toMatchObject({ status: 502, body: { title: 'ABORTED' } });
    });

    it('asks the fault function for every request', async () => {
      // Prepare
      const double = await start({
        fault: (request) =>
          request.id % 2 === 0 ? faults.status(504) : undefined,
      });

      // Act
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await post(double, '/v2/messages/publication', { name: 'n' })).status
        );
      }

      // Assess
      expect(statuses).toEqual([200, 504, 200, 504]);
    });

    it('keeps the effect of a request whose fault comes after processing', async () => {
      // Prepare
      const double = await start({
        faults: [faults.status(502, { afterProcessing: true })],
      });
      const message = { name: 'n', messageId: 'm-1', timeToLive: 1000 };

      // Act
      const first = await post(double, '/v2/messages/publication', message);
      const redelivery = await post(
        double,
        '/v2/messages/publication',
        message
      );

      // Assess
      expect(first.status).toBe(502);
      expect(redelivery.status).toBe(409);
      expect(double.messages).toHaveLength(1);
    });

    it('resets the connection', async () => {
      // Prepare
      const double = await start({ faults: [faults.reset()] });

      // Act
      const attempt = post(double, '/v2/messages/publication', { name: 'n' });

      // Assess
      await expect(attempt).rejects.toThrow('fetch failed');
      expect(double.requests[0]?.response).toEqual({ kind: 'reset' });
    });

    it('answers after the configured delay', async () => {
      // Prepare
      const double = await start({ delayMs: 30 });

      // Act
      const started = performance.now();
      await post(double, '/v2/messages/publication', { name: 'n' });
      const elapsed = performance.now() - started;

      // Assess
      expect(elapsed).toBeGreaterThanOrEqual(25);
    });
  });

  describe('auth', () => {
    it('requires a bearer token from its own token endpoint', async () => {
      // Prepare
      const double = await start({
        auth: { mode: 'oauth', clientId: 'c', clientSecret: 's' },
      });
      const token = await post(
        double,
        '/oauth/token',
        new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'c',
          client_secret: 's',
          audience: 'zeebe.camunda.io',
        }).toString(),
        { 'content-type': 'application/x-www-form-urlencoded' }
      );
      const accessToken = (token.body as { access_token: string }).access_token;

      // Act
      const without = await post(double, '/v2/messages/publication', {
        name: 'n',
      });
      const withToken = await post(
        double,
        '/v2/messages/publication',
        { name: 'n' },
        {
          'content-type': 'application/json',
          authorization: `Bearer ${accessToken}`,
        }
      );

      // Assess
      expect(token).toMatchObject({
        status: 200,
        body: { token_type: 'Bearer', expires_in: 3600 },
      });
      expect(without).toMatchObject({
        status: 401,
        body: { title: 'UNAUTHORIZED' },
      });
      expect(withToken.status).toBe(200);
    });

    it('gives the client environment for its auth mode', async () => {
      // Prepare
      const double = await start({
        auth: { mode: 'basic', username: 'u', password: 'p' },
      });

      // Act
      const env = double.env();

      // Assess
      expect(env).toEqual({
        CAMUNDA_REST_ADDRESS: `${double.url}/v2`,
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        CAMUNDA_BASIC_AUTH_USERNAME: 'u',
        CAMUNDA_BASIC_AUTH_PASSWORD: 'p',
      });
    });
  });

  describe('recording', () => {
    it('records method, path, headers, body, time and connection', async () => {
      // Prepare
      const double = await start({ now: () => 1234 });

      // Act
      await post(double, '/v2/messages/publication?x=1', { name: 'n' });

      // Assess
      expect(double.requests).toEqual([
        {
          id: 1,
          method: 'POST',
          path: '/v2/messages/publication',
          query: { x: '1' },
          headers: expect.objectContaining({
            'content-type': 'application/json',
          }),
          body: { name: 'n' },
          rawBody: '{"name":"n"}',
          receivedAt: 1234,
          connectionId: 1,
          response: {
            kind: 'http',
            status: 200,
            body: { tenantId: '<default>', messageKey: expect.any(String) },
          },
        },
      ]);
    });

    it('forgets requests, state and faults on reset', async () => {
      // Prepare
      const double = await start();
      await post(double, '/v2/messages/publication', {
        name: 'n',
        messageId: 'm',
        timeToLive: 1000,
      });
      double.enqueue(faults.status(503));

      // Act
      double.reset();
      const again = await post(double, '/v2/messages/publication', {
        name: 'n',
        messageId: 'm',
        timeToLive: 1000,
      });

      // Assess
      expect(again.status).toBe(200);
      expect(double.requests).toHaveLength(1);
      expect(double.messages).toHaveLength(1);
    });
  });
});
