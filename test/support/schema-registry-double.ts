import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the double answered. */
interface RegistryRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly status: number;
}

/** A Confluent-compatible schema registry on loopback, for tests. */
interface SchemaRegistryDouble {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: readonly RegistryRequest[];
  /**
   * Registers a schema and returns its id (Confluent numbers them from 1).
   * `AVRO` is left out of answers, as Confluent does.
   */
  register(
    schema: string,
    schemaType?: 'AVRO' | 'JSON' | 'PROTOBUF',
    references?: readonly { name: string; subject: string; version: number }[]
  ): number;
  /** Registers a schema as the next version of a subject; returns the version. */
  registerSubject(subject: string, schema: string): number;
  /** The next `count` schema requests answer `status` (default 503). */
  failNext(count: number, status?: number): void;
  /** Answers are delayed by `ms` (0 = none). */
  delay(ms: number): void;
  close(): Promise<void>;
}

interface SchemaRegistryDoubleOptions {
  /** Required basic authentication; requests without it get 401. */
  readonly basicAuth?: { readonly username: string; readonly password: string };
}

const json = (
  response: ServerResponse,
  status: number,
  body: unknown
): void => {
  response.writeHead(status, {
    'content-type': 'application/vnd.schemaregistry.v1+json',
  });
  response.end(JSON.stringify(body));
};

/**
 * Starts a schema registry double that answers `GET /schemas/ids/{id}` and
 * `GET /subjects/{subject}/versions/{version}` the way Confluent's Schema
 * Registry does (`{"schema": "...", "schemaType"?, "references"?}`,
 * 404 with error code 40403 for unknown ids, 401 with 40101 without the
 * required basic authentication), with injectable 5xx answers and delays.
 *
 * @param options - Required credentials, if any.
 */
const startSchemaRegistryDouble = async (
  options: SchemaRegistryDoubleOptions = {}
): Promise<SchemaRegistryDouble> => {
  const schemas = new Map<
    number,
    { schema: string; schemaType: string; references?: readonly unknown[] }
  >();
  const subjects = new Map<string, string[]>();
  const requests: RegistryRequest[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let delayMs = 0;
  const expected =
    options.basicAuth === undefined
      ? undefined
      : `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const respond = (status: number, body: unknown) => {
      requests.push({
        method: request.method ?? '',
        path,
        ...(request.headers.authorization === undefined
          ? {}
          : { authorization: request.headers.authorization }),
        status,
      });
      json(response, status, body);
    };
    if (expected !== undefined && request.headers.authorization !== expected) {
      respond(401, { error_code: 40101, message: 'Unauthorized' });
      return;
    }
    const version = /^\/subjects\/([^/]+)\/versions\/(\d+)$/.exec(path);
    if (request.method === 'GET' && version !== null) {
      const subject = decodeURIComponent(version[1] ?? '');
      const found = subjects.get(subject)?.[Number(version[2]) - 1];
      if (found === undefined) {
        respond(404, { error_code: 40402, message: 'Version not found.' });
      } else {
        respond(200, { subject, version: Number(version[2]), schema: found });
      }
      return;
    }
    const match = /^\/schemas\/ids\/(\d+)$/.exec(path);
    if (request.method !== 'GET' || match === null) {
      respond(404, { error_code: 404, message: 'HTTP 404 Not Found' });
      return;
    }
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      respond(failures.status, {
        error_code: 50001,
        message: 'Error in the backend data store',
      });
      return;
    }
    const found = schemas.get(Number(match[1]));
    if (found === undefined) {
      respond(404, { error_code: 40403, message: 'Schema not found' });
      return;
    }
    respond(200, {
      schema: found.schema,
      ...(found.schemaType === 'AVRO' ? {} : { schemaType: found.schemaType }),
      ...(found.references === undefined
        ? {}
        : { references: found.references }),
    });
  };

  const server = createServer((request, response) => {
    if (delayMs > 0) setTimeout(() => answer(request, response), delayMs);
    else answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    register: (schema, schemaType = 'AVRO', references) => {
      const id = schemas.size + 1;
      schemas.set(id, {
        schema,
        schemaType,
        ...(references === undefined ? {} : { references }),
      });
      return id;
    },
    registerSubject: (subject, schema) => {
      const versions = subjects.get(subject) ?? [];
      versions.push(schema);
      subjects.set(subject, versions);
      return versions.length;
    },
    failNext: (count, status = 503) => {
      failures = { count, status };
    },
    delay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

/** Confluent's wire format: magic byte 0, the schema id, the payload. */
const confluentFrame = (schemaId: number, payload: Buffer): Buffer => {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
};

export type {
  RegistryRequest,
  SchemaRegistryDouble,
  SchemaRegistryDoubleOptions,
};
export { confluentFrame, startSchemaRegistryDouble };
