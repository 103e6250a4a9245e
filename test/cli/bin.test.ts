import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs `bin/kafka-inbound.mjs` as an operator would, in a clean env. */
const cli = async (
  args: readonly string[],
  env: NodeJS.ProcessEnv = {}
): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['bin/kafka-inbound.mjs', ...args],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        timeout: 120_000,
      }
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout,
      stderr: failed.stderr,
    };
  }
};

describe('Executable: bin/kafka-inbound.mjs', () => {
  it('answers a status that cannot reach AWS with a hint, exit code 3 and a --json failure, and no Node.js version notice of the AWS SDK', async () => {
    // Act: an endpoint where nothing listens stands in for an unreachable AWS.
    const { code, stdout, stderr } = await cli(
      ['status', '--json', '--table', 'bindings', '--region', 'eu-west-1'],
      {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_MAX_ATTEMPTS: '1',
      }
    );

    // Assess
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      command: 'status',
      exitCode: 3,
      error: {
        kind: 'unavailable',
        message:
          'AWS cannot be reached: the binding table bindings (region eu-west-1): connect ECONNREFUSED 127.0.0.1:1',
        hint: 'check the network (proxy, VPN) and the region; AWS_ENDPOINT_URL points the CLI elsewhere when set',
      },
    });
    expect(stderr).not.toMatch(/NodeVersionSupportWarning|node >=22/);
  });

  it('answers a redrive whose queue cannot be reached with exit code 3 and a --json failure', async () => {
    // Act
    const { code, stdout, stderr } = await cli(
      [
        'redrive',
        '--queue',
        'http://127.0.0.1:1/000000000000/dead-letters',
        '--table',
        'bindings',
        '--idempotency-table',
        'idempotency',
        '--region',
        'eu-west-1',
        '--json',
      ],
      {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_MAX_ATTEMPTS: '1',
      }
    );

    // Assess: one JSON document, nothing else
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      command: 'redrive',
      exitCode: 3,
      error: {
        kind: 'unavailable',
        message: expect.stringMatching(
          /^AWS cannot be reached: .*ECONNREFUSED 127\.0\.0\.1:1/
        ),
        hint: expect.any(String),
      },
    });
    expect(stderr).toBe('');
  });
});
