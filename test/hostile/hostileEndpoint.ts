import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the endpoint answers one request. */
type Answer = (request: {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}) => {
  readonly status: number;
  readonly contentType?: string;
  /** The body: a text, or `bytes` bytes of `fill` streamed with backpressure. */
  readonly text?: string;
  readonly stream?: { readonly bytes: number; readonly fill: string };
  /** Send no Content-Length (chunked), so the client cannot know the size. */
  readonly chunked?: boolean;
  /** Headers added to the answer (e.g. a redirect's `location`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Answer `fill` every `everyMs`, chunked, until the client goes away. */
  readonly drip?: { readonly everyMs: number; readonly fill: string };
};

/** An HTTP endpoint that answers as a hostile Camunda or token endpoint would. */
interface HostileEndpoint {
  readonly url: string;
  /** Bytes the server managed to write before the client stopped reading. */
  readonly written: () => number;
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const streamBytes = (
  response: ServerResponse,
  bytes: number,
  fill: string,
  count: (n: number) => void
): void => {
  const chunk = Buffer.alloc(CHUNK, fill);
  let left = bytes;
  const pump = (): void => {
    while (left > 0) {
      const piece = left >= CHUNK ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      count(piece.length);
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  response.on('close', () => {
    left = 0;
  });
  pump();
};

/**
 * Starts an endpoint on 127.0.0.1 whose answers `answer` decides: huge
 * streamed bodies, chunked bodies of unknown size, bodies that never end
 * (a few bytes at a time), text with control characters, echoes of the
 * request, redirects.
 *
 * @param answer - decides each answer from the request
 */
const startHostileEndpoint = async (
  answer: Answer
): Promise<HostileEndpoint> => {
  let written = 0;
  const sockets = new Set<Socket>();
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const spec = answer({
      method: request.method ?? 'GET',
      path: url.pathname,
      body,
    });
    const headers: Record<string, string | number> = {
      'content-type': spec.contentType ?? 'application/json',
      ...spec.headers,
    };
    if (spec.drip !== undefined) {
      const { everyMs, fill } = spec.drip;
      response.writeHead(spec.status, headers);
      const timer = setInterval(() => {
        written += Buffer.byteLength(fill);
        response.write(fill);
      }, everyMs);
      response.on('close', () => clearInterval(timer));
      return;
    }
    if (spec.stream !== undefined) {
      if (spec.chunked !== true) headers['content-length'] = spec.stream.bytes;
      response.writeHead(spec.status, headers);
      streamBytes(response, spec.stream.bytes, spec.stream.fill, (n) => {
        written += n;
      });
      return;
    }
    response.writeHead(spec.status, headers);
    response.end(spec.text ?? '');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    written: () => written,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export type { Answer, HostileEndpoint };
export { startHostileEndpoint };
