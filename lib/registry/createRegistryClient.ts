import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import {
  SchemaNotFoundError,
  SchemaRegistryUnavailableError,
} from '../kafka/errors.js';
import type { RegistrySchema, SchemaRegistryPort } from '../kafka/types.js';
import {
  REGISTRY_CACHE_SIZE,
  REGISTRY_MAX_RESPONSE_BYTES,
  REGISTRY_TIMEOUT_MS,
} from './constants.js';
import type { RegistryClientOptions } from './types.js';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/**
 * One GET with a time limit on the whole exchange (a registry that answers
 * one byte at a time never resets it, as a socket's idle timeout would),
 * at most {@link REGISTRY_MAX_RESPONSE_BYTES} of answer, no redirect
 * followed; TLS material and basic auth from the options.
 */
const get = (url: URL, options: RegistryClientOptions): Promise<Answer> => {
  const { basicAuth, ca, clientCertificate } = options;
  const timeoutMs = options.timeoutMs ?? REGISTRY_TIMEOUT_MS;
  const requestOptions: RequestOptions = {
    method: 'GET',
    headers: {
      accept: 'application/vnd.schemaregistry.v1+json, application/json',
      ...(basicAuth === undefined
        ? {}
        : {
            authorization: `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64')}`,
          }),
    },
    ...(ca === undefined ? {} : { ca }),
    ...(clientCertificate === undefined
      ? {}
      : {
          cert: clientCertificate.certificate,
          key: clientCertificate.privateKey,
          ...(clientCertificate.keyPassword === undefined
            ? {}
            : { passphrase: clientCertificate.keyPassword }),
        }),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      done();
    };
    const fail = (error: Error): void => {
      settle(() => reject(error));
      call.destroy();
    };
    const call = send(url, requestOptions, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > REGISTRY_MAX_RESPONSE_BYTES) {
          fail(
            new Error(
              `the answer is larger than ${REGISTRY_MAX_RESPONSE_BYTES / (1024 * 1024)} MiB`
            )
          );
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        settle(() =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          })
        )
      );
      response.on('error', fail);
    });
    const deadline = setTimeout(
      () => fail(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs
    );
    call.on('error', fail);
    call.end();
  });
};

const readSchema = (body: string): RegistrySchema | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { schema, schemaType, references } = parsed as Record<string, unknown>;
  if (typeof schema !== 'string') return undefined;
  return {
    schemaType: typeof schemaType === 'string' ? schemaType : 'AVRO',
    schema,
    ...(Array.isArray(references) && references.length > 0
      ? { references: references as RegistrySchema['references'] }
      : {}),
  };
};

/**
 * A Confluent-compatible schema registry client (`GET /schemas/ids/{id}`,
 * and `GET /subjects/{subject}/versions/{version}` for schema references)
 * over HTTP(S), with basic authentication, TLS material and a time limit per
 * request. Answers are cached (an id's schema never changes); failures are
 * not. 404 → {@link SchemaNotFoundError}; no answer, a timeout, 401/403,
 * 5xx or a body that is not a schema → {@link SchemaRegistryUnavailableError}.
 * Credentials never appear in errors.
 *
 * @param options - Registry URL, credentials (secrets resolved), timeout.
 */
const createRegistryClient = (
  options: RegistryClientOptions
): SchemaRegistryPort => {
  const base = new URL(options.url);
  base.username = '';
  base.password = '';
  const address = base.toString().replace(/\/$/, '');
  const cache = new Map<string, RegistrySchema>();

  const fetchSchema = async (
    path: string,
    what: string
  ): Promise<RegistrySchema> => {
    const url = new URL(`${address}${path}`);
    let answer: Answer;
    try {
      answer = await get(url, options);
    } catch (error) {
      throw new SchemaRegistryUnavailableError(
        `the schema registry ${address} cannot be reached: ${(error as Error).message}`,
        { cause: error }
      );
    }
    if (answer.status === 404) throw new SchemaNotFoundError(address, what);
    if (answer.status === 401 || answer.status === 403) {
      throw new SchemaRegistryUnavailableError(
        `the schema registry ${address} refused the credentials (HTTP ${answer.status}); check basic.auth.user.info`
      );
    }
    if (answer.status >= 300 && answer.status < 400) {
      throw new SchemaRegistryUnavailableError(
        `the schema registry ${address} answered HTTP ${answer.status}, a redirect, which is not followed (the credentials would go with it): set schemaRegistryUrl to the address that answers`
      );
    }
    if (answer.status !== 200) {
      throw new SchemaRegistryUnavailableError(
        `the schema registry ${address} answered HTTP ${answer.status}`
      );
    }
    const schema = readSchema(answer.body);
    if (schema === undefined) {
      throw new SchemaRegistryUnavailableError(
        `the schema registry ${address} answered with something that is not a schema`
      );
    }
    return schema;
  };

  const cached = async (
    key: string,
    path: string,
    what: string
  ): Promise<RegistrySchema> => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const schema = await fetchSchema(path, what);
    if (cache.size >= REGISTRY_CACHE_SIZE) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, schema);
    return schema;
  };

  return {
    address,
    getSchema: (id) => cached(`${id}`, `/schemas/ids/${id}`, `${id}`),
    getSubjectVersion: (subject, version) =>
      cached(
        `${subject}@${version}`,
        `/subjects/${encodeURIComponent(subject)}/versions/${version}`,
        `${subject} version ${version}`
      ),
  };
};

export { createRegistryClient };
