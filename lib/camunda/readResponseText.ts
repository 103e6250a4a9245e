/** A response body read up to a limit. */
interface ResponseText {
  /** The body (or its first `maxBytes` bytes) decoded as UTF-8. */
  readonly text: string;
  /** True when the body was longer than `maxBytes` and the rest was not read. */
  readonly truncated: boolean;
}

/**
 * Reads a response body as a stream, at most `maxBytes` of it: an answer
 * that announces more (Content-Length) or sends more is cut there and the
 * rest is never read (the stream is cancelled, the connection closed), so a
 * hostile or broken endpoint cannot make a call hold its whole answer in
 * memory.
 *
 * @param response - a fetch response whose body was not read yet
 * @param maxBytes - the most bytes kept
 */
const readResponseText = async (
  response: Response,
  maxBytes: number
): Promise<ResponseText> => {
  const body = response.body;
  if (body === null) return { text: '', truncated: false };
  const announced = Number(response.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > maxBytes) {
    await body.cancel().catch(() => undefined);
    return { text: '', truncated: true };
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), truncated };
};

export type { ResponseText };
export { readResponseText };
