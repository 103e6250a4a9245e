import { scanSecretReferences } from './findSecretReferences.js';
import type { ParseOutcome } from './types.js';

const HOST =
  /^(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/;

const checkServer = (server: string): string | undefined => {
  // A secret reference stands for a value only the runtime knows.
  if (scanSecretReferences(server).length > 0) return undefined;
  const colon = server.lastIndexOf(':');
  if (colon <= 0) return `"${server}" has no port (expected host:port)`;
  const host = server.slice(0, colon);
  const port = server.slice(colon + 1);
  if (!HOST.test(host)) return `"${host}" is not a valid host name`;
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    return `"${port}" is not a port number (1–65535) in "${server}"`;
  }
  return undefined;
};

/**
 * Split `topic.bootstrapServers` (`broker1:9092,broker2:9092`) into a list
 * and check each entry is `host:port`.
 *
 * @param raw - the property value (a plain value, not FEEL)
 */
const parseBootstrapServers = (raw: string): ParseOutcome<string[]> => {
  const text = raw.trim();
  if (text === '') {
    return {
      ok: false,
      message:
        'bootstrap servers are empty: give a comma-separated list of host:port',
    };
  }
  const servers = text.split(',').map((s) => s.trim());
  if (servers.at(-1) === '') servers.pop();
  const problems: string[] = [];
  for (const server of servers) {
    const problem =
      server === '' ? 'an entry is empty (two commas)' : checkServer(server);
    if (problem) problems.push(problem);
  }
  return problems.length > 0
    ? {
        ok: false,
        message: `bootstrap servers must be a comma-separated list of host:port: ${problems.join('; ')}`,
      }
    : { ok: true, value: servers };
};

export { parseBootstrapServers };
