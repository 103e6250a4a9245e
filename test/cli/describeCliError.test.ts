import { describe, expect, it } from 'vitest';
import { describeCliError } from '../../lib/cli/describeCliError.js';
import {
  CliConfigError,
  CliInputError,
  CliUnavailableError,
  CliUsageError,
} from '../../lib/cli/errors.js';
import { LocalKafkaConfigError } from '../../lib/local/errors.js';

describe('Function: describeCliError (the exit code and --json error of every command)', () => {
  it.each([
    {
      name: 'a wrong command line',
      error: new CliUsageError('--limit takes a whole number', {
        showUsage: true,
      }),
      expected: {
        exitCode: 2,
        kind: 'usage',
        message: '--limit takes a whole number',
        showUsage: true,
      },
    },
    {
      name: 'an input file',
      error: new CliInputError('x.json', 'not JSON', { hint: 'fix it' }),
      expected: {
        exitCode: 2,
        kind: 'input',
        message: 'x.json: not JSON',
        hint: 'fix it',
      },
    },
    {
      name: 'a setting',
      error: new CliConfigError('AWS_REGION is not set'),
      expected: {
        exitCode: 2,
        kind: 'config',
        message: 'AWS_REGION is not set',
      },
    },
    {
      name: 'a service that cannot be reached',
      error: new CliUnavailableError('AWS cannot be reached', {
        hint: 'check the network',
      }),
      expected: {
        exitCode: 3,
        kind: 'unavailable',
        message: 'AWS cannot be reached',
        hint: 'check the network',
      },
    },
    {
      name: "a module's configuration error (…ConfigError), with its cause",
      error: new LocalKafkaConfigError(
        'topic.bootstrapServers',
        'no bootstrap servers are set'
      ),
      expected: {
        exitCode: 2,
        kind: 'config',
        message: expect.stringContaining('no bootstrap servers are set'),
        hint: expect.stringContaining('fix the setting named above'),
      },
    },
    {
      name: 'anything unexpected, with its causes once each',
      error: new TypeError('cannot read x', {
        cause: new Error('the socket closed'),
      }),
      expected: {
        exitCode: 3,
        kind: 'internal',
        message: 'cannot read x: the socket closed',
        hint: 'run again with DEBUG=kafka-inbound for the stack trace',
      },
    },
  ])('reports $name', ({ error, expected }) => {
    // Act
    const failure = describeCliError(error);

    // Assess
    expect(failure).toEqual(expected);
  });
});
