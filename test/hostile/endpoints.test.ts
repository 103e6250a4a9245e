import { afterEach, describe, expect, it } from 'vitest';
import {
  type CamundaOutcome,
  createCamundaClient,
  MAX_CAMUNDA_RESPONSE_BYTES,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
} from '../../lib/consumer/index.js';
import type { RecordEvent } from '../../lib/consumer/types.js';
import { MAX_REASON_CHARS } from '../../lib/text/index.js';
import {
  bindingFactory,
  deployedFactory,
  kafkaEventFactory,
  recordFactory,
} from '../support/factories/index.js';
import {
  type Answer,
  type HostileEndpoint,
  startHostileEndpoint,
} from './hostileEndpoint.js';
import { BOUNDS, measure } from './measure.js';

const MB = 1024 * 1024;
// A secret with characters every encoding changes: space, +, &, =, /, ", \, é.
const CLIENT_SECRET = 'Cs 5e+1f&q=/"\\é-77';
// biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be there
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// The first 19 characters of base64(client_id:client_secret) encode the
// client id (the 19th mixes in the secret's first bits).
const CLIENT_ID_BASE64 = Buffer.from(`kafka-inbound:${CLIENT_SECRET}`)
  .toString('base64')
  .slice(0, 19);

const endpoints: HostileEndpoint[] = [];

const start = async (answer: Answer): Promise<HostileEndpoint> => {
  const endpoint = await startHostileEndpoint(answer);
  endpoints.push(endpoint);
  return endpoint;
};

const TOKEN = { status: 200, text: '{"access_token":"t-1","expires_in":300}' };

const oauthClient = (endpoint: HostileEndpoint) =>
  createCamundaClient(
    readCamundaConfig({
      CAMUNDA_REST_ADDRESS: `${endpoint.url}/v2`,
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      CAMUNDA_OAUTH_URL: `${endpoint.url}/oauth/token`,
      CAMUNDA_CLIENT_ID: 'kafka-inbound',
      CAMUNDA_CLIENT_SECRET: CLIENT_SECRET,
      CAMUNDA_REQUEST_TIMEOUT_MS: '20000',
    })
  );

const reasonOf = (outcome: CamundaOutcome): string =>
  outcome.kind === 'done' ? '' : outcome.reason;

const create = {
  processDefinitionId: 'order-process',
  variables: { orderId: 1 },
};

describe('Hostile endpoints: Camunda and the token endpoint', () => {
  afterEach(async () => {
    await Promise.all(endpoints.splice(0).map((e) => e.close()));
  });

  it.each([
    { name: 'announced with Content-Length', chunked: false },
    { name: 'chunked, of unknown size', chunked: true },
  ])(
    'takes a 100 MB success answer ($name) as done without holding it in memory',
    async ({ chunked }) => {
      // Prepare
      const endpoint = await start(({ path }) =>
        path === '/oauth/token'
          ? TOKEN
          : { status: 200, chunked, stream: { bytes: 100 * MB, fill: ' ' } }
      );
      const client = oauthClient(endpoint);

      // Act
      const { result, cost } = await measure(() =>
        client.createProcessInstance(create)
      );

      // Assess
      expect(result).toEqual({ kind: 'done', status: 200 });
      expect(cost.elapsedMs).toBeLessThan(BOUNDS.elapsedMs);
      expect(cost.peakMb).toBeLessThan(32);
      expect(endpoint.written()).toBeLessThan(20 * MB);
    }
  );

  it('keeps the start of a 100 MB error answer, one line, cut, as the retry reason', async () => {
    // Prepare: a 503 whose body is escape sequences and newlines, forever.
    const endpoint = await start(({ path }) =>
      path === '/oauth/token'
        ? TOKEN
        : {
            status: 503,
            contentType: 'text/plain',
            chunked: true,
            stream: { bytes: 100 * MB, fill: '\x1b[2J\r\nbusy ' },
          }
    );
    const client = oauthClient(endpoint);

    // Act
    const { result, cost } = await measure(() =>
      client.createProcessInstance(create)
    );

    // Assess
    expect(result.kind).toBe('retry');
    const reason = reasonOf(result);
    expect(reason).toMatch(/^Camunda createProcessInstance: HTTP 503/);
    expect(reason).toContain(`answer over ${MAX_CAMUNDA_RESPONSE_BYTES} bytes`);
    expect(reason.length).toBeLessThanOrEqual(MAX_REASON_CHARS + 1);
    expect(reason).not.toMatch(CONTROL);
    expect(cost.elapsedMs).toBeLessThan(BOUNDS.elapsedMs);
    expect(cost.peakMb).toBeLessThan(32);
  });

  it('reads at most 64 KiB of a 100 MB token answer and says there is no token', async () => {
    // Prepare
    const endpoint = await start(() => ({
      status: 200,
      chunked: true,
      stream: { bytes: 100 * MB, fill: '{' },
    }));
    const client = oauthClient(endpoint);

    // Act
    const { result, cost } = await measure(() =>
      client.publishMessage({
        name: 'm',
        correlationKey: 'k',
        timeToLive: 1_000,
        messageId: 'id-1',
      })
    );

    // Assess
    expect(result.kind).toBe('retry');
    expect(reasonOf(result)).toContain('returned no access_token');
    expect(cost.elapsedMs).toBeLessThan(BOUNDS.elapsedMs);
    expect(cost.peakMb).toBeLessThan(32);
  });

  it('puts a 1 MB error_description full of newlines and ANSI escapes into the reason as one short line', async () => {
    // Prepare
    const description = `${'\x1b[31mFAKE LOG LINE\r\n'.repeat(60_000)}`;
    const endpoint = await start(() => ({
      status: 401,
      text: JSON.stringify({
        error: 'invalid_client\n\x1b]0;owned\x07',
        error_description: description,
      }),
    }));
    const client = oauthClient(endpoint);

    // Act
    const { result, cost } = await measure(() =>
      client.createProcessInstance(create)
    );

    // Assess
    const reason = reasonOf(result);
    expect(result.kind).toBe('retry');
    expect(reason).toContain('HTTP 401 invalid_client');
    expect(reason).not.toMatch(CONTROL);
    expect(reason.length).toBeLessThan(500);
    expect(cost.elapsedMs).toBeLessThan(BOUNDS.elapsedMs);
  });

  it('keeps that reason out of every record: one bounded line per retry', async () => {
    // Prepare
    const endpoint = await start(() => ({
      status: 400,
      text: JSON.stringify({
        error: 'invalid_request',
        error_description: `\x1b[2J${'x'.repeat(500_000)}`,
      }),
    }));
    const events: RecordEvent[] = [];
    const processor = createBatchProcessor(deployedFactory(bindingFactory()), {
      camunda: oauthClient(endpoint),
      deadLetters: { send: async () => undefined },
      idempotency: createMemoryIdempotency(),
      observer: { onRecord: (event) => events.push(event) },
    });

    // Act
    const result = await processor.process(
      kafkaEventFactory([
        recordFactory({ offset: 1 }),
        recordFactory({ offset: 2 }),
      ])
    );

    // Assess
    expect(result.response.batchItemFailures).toHaveLength(1);
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries).toHaveLength(1);
    for (const event of retries) {
      expect(event.detail).not.toMatch(CONTROL);
      expect((event.detail ?? '').length).toBeLessThanOrEqual(
        MAX_REASON_CHARS + 1
      );
    }
  });

  it.each([
    {
      encoding: 'form-encoded, as sent (+ for a space)',
      echo: (body: string) =>
        new URLSearchParams(body).get('client_secret') === null
          ? ''
          : (/client_secret=([^&]*)/.exec(body)?.[1] ?? ''),
    },
    {
      encoding: 'URL-encoded with %XX (%20 for a space)',
      echo: () => encodeURIComponent(CLIENT_SECRET),
    },
    {
      encoding: 'URL-encoded with lower-case hex',
      echo: () =>
        encodeURIComponent(CLIENT_SECRET).replace(/%[0-9A-F]{2}/g, (h) =>
          h.toLowerCase()
        ),
    },
    {
      encoding: 'base64',
      echo: () => Buffer.from(CLIENT_SECRET).toString('base64'),
    },
    {
      encoding: 'base64 of client_id:client_secret',
      echo: () =>
        Buffer.from(`kafka-inbound:${CLIENT_SECRET}`).toString('base64'),
    },
    {
      encoding: 'JSON-escaped',
      echo: () => JSON.stringify(CLIENT_SECRET).slice(1, -1),
    },
  ])(
    'scrubs a client secret the token endpoint echoes $encoding',
    async ({ echo }) => {
      // Prepare
      let sent = '';
      const endpoint = await start(({ body }) => {
        sent = echo(body);
        return {
          status: 400,
          text: JSON.stringify({
            error: 'invalid_request',
            error_description: `client_secret ${sent} is not valid`,
          }),
        };
      });
      const client = oauthClient(endpoint);

      // Act
      const outcome = await client.createProcessInstance(create);

      // Assess
      const reason = reasonOf(outcome);
      expect(sent.length).toBeGreaterThan(8);
      // base64 keeps at most the one character on each side that mixes the
      // secret's first or last bits with its neighbours'.
      expect(reason).toMatch(
        /client_secret (?:[A-Za-z0-9+/]*[A-Za-z0-9+/])?\*\*\*[A-Za-z0-9+/]?=* is not valid/
      );
      expect(reason).not.toContain(sent);
      expect(reason).not.toContain('5e');
      for (const width of [6, 8]) {
        for (let at = 0; at + width <= sent.length; at++) {
          const piece = sent.slice(at, at + width);
          // The client id's part of client_id:client_secret may show.
          if (!CLIENT_ID_BASE64.includes(piece)) {
            expect(reason).not.toContain(piece);
          }
        }
      }
    }
  );
});
