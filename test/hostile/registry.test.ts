// A schema registry is an endpoint the uploader of a BPMN chooses
// (schemaRegistryUrl): what it answers must cost a record a bounded time and
// memory, and end in a clear error. The client reads at most 4 MiB, limits
// the whole exchange (not only silence) and never follows a redirect.
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaRegistryUnavailableError } from '../../lib/kafka/index.js';
import {
  createRegistryClient,
  REGISTRY_MAX_RESPONSE_BYTES,
} from '../../lib/registry/index.js';
import {
  type Answer,
  type HostileEndpoint,
  startHostileEndpoint,
} from './hostileEndpoint.js';
import { BOUNDS, measure } from './measure.js';

const MB = 1024 * 1024;
const credentials = { username: 'reader', password: 'registry-pw-9' };

const endpoints: HostileEndpoint[] = [];

const start = async (answer: Answer): Promise<HostileEndpoint> => {
  const endpoint = await startHostileEndpoint(answer);
  endpoints.push(endpoint);
  return endpoint;
};

/** The error a schema fetch ends with, and what the fetch cost. */
const fetchFailure = async (url: string, timeoutMs = 5_000) => {
  const client = createRegistryClient({
    url,
    basicAuth: credentials,
    timeoutMs,
  });
  const { result, cost } = await measure(() =>
    client.getSchema(1).then(
      () => undefined,
      (error: unknown) => error
    )
  );
  expect(result).toBeInstanceOf(SchemaRegistryUnavailableError);
  const message = (result as Error).message;
  expect(message).not.toContain(credentials.password);
  return { message, cost };
};

describe('Hostile endpoints: a schema registry', () => {
  afterEach(async () => {
    await Promise.all(endpoints.splice(0).map((e) => e.close()));
  });

  it.each([
    { name: 'announced with Content-Length', chunked: false },
    { name: 'chunked, of unknown size', chunked: true },
  ])(
    'reads at most 4 MiB of a 100 MB answer ($name) and says so',
    async ({ chunked }) => {
      // Prepare
      const endpoint = await start(() => ({
        status: 200,
        chunked,
        stream: { bytes: 100 * MB, fill: '{' },
      }));

      // Act
      const { message, cost } = await fetchFailure(endpoint.url);

      // Assess
      expect(message).toMatch(
        /cannot be reached: the answer is larger than 4 MiB/
      );
      expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
      expect(cost.peakMb).toBeLessThan(32);
      expect(endpoint.written()).toBeLessThan(
        REGISTRY_MAX_RESPONSE_BYTES + 16 * MB
      );
    }
  );

  it('gives up on an answer that never ends, a byte at a time, at the time limit', async () => {
    // Prepare: each byte would reset a socket's idle timeout
    const endpoint = await start(() => ({
      status: 200,
      drip: { everyMs: 20, fill: ' ' },
    }));

    // Act
    const { message, cost } = await fetchFailure(endpoint.url, 300);

    // Assess: the whole exchange is limited, so the fetch ends
    expect(message).toMatch(/cannot be reached: no answer within 300 ms/);
    expect(endpoint.written()).toBeGreaterThan(0);
    expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
  });

  it('does not follow a redirect (the credentials stay home) and says what to set', async () => {
    // Prepare: the registry sends the client to another host
    let asked = 0;
    const elsewhere = await start(() => {
      asked++;
      return { status: 200, text: '{"schema":"\\"string\\""}' };
    });
    const endpoint = await start(() => ({
      status: 307,
      headers: { location: `${elsewhere.url}/schemas/ids/1` },
    }));

    // Act
    const { message } = await fetchFailure(endpoint.url);

    // Assess
    expect(message).toMatch(
      /answered HTTP 307, a redirect, which is not followed .*set schemaRegistryUrl/
    );
    expect(asked).toBe(0);
  });
});
