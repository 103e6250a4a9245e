import { describe, expect, it } from 'vitest';
import { toAwsCliError } from '../../lib/cli/toAwsCliError.js';

/** An error shaped like the AWS SDK's (name, $metadata). */
const sdkError = (name: string, message: string): Error =>
  Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: 400 },
    $fault: 'client',
  });

const context = {
  region: 'eu-west-1',
  profile: 'ops',
  resource: 'the binding table t',
  resourceOption: '--table (the stack output BindingTableName)',
};

describe('Function: toAwsCliError', () => {
  it.each([
    {
      error: Object.assign(
        new Error('Could not load credentials from any providers'),
        {
          name: 'CredentialsProviderError',
        }
      ),
      kind: 'unavailable',
      message:
        /^no AWS credentials: the binding table t \(region eu-west-1, profile ops\)/,
      hint: /aws sso login --profile ops/,
    },
    {
      error: sdkError(
        'ExpiredTokenException',
        'The security token included in the request is expired'
      ),
      kind: 'unavailable',
      message: /^AWS credentials expired/,
      hint: /sign in again/,
    },
    {
      error: sdkError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.'
      ),
      kind: 'unavailable',
      message: /^AWS refused the credentials/,
      hint: /AWS_PROFILE or AWS_ACCESS_KEY_ID/,
    },
    {
      error: sdkError(
        'AccessDeniedException',
        'User: x is not authorized to perform: dynamodb:Scan'
      ),
      kind: 'unavailable',
      message: /^AWS denied access: .*dynamodb:Scan/,
      hint: /names the action/,
    },
    {
      error: sdkError(
        'ResourceNotFoundException',
        'Requested resource not found'
      ),
      kind: 'config',
      message: /^not found: the binding table t \(region eu-west-1/,
      hint: /check --table \(the stack output BindingTableName\) and the region/,
    },
    {
      error: new Error('Region is missing'),
      kind: 'config',
      message: /^no AWS region/,
      hint: /--region <region>, or set AWS_REGION/,
    },
    {
      error: Object.assign(
        new Error('getaddrinfo ENOTFOUND dynamodb.eu-west-1.amazonaws.com'),
        {
          code: 'ENOTFOUND',
          $metadata: {},
        }
      ),
      kind: 'unavailable',
      message: /^AWS cannot be reached/,
      hint: /check the network/,
    },
  ])(
    'turns $error.name into a $kind error with a hint',
    ({ error, kind, message, hint }) => {
      // Act
      const converted = toAwsCliError(error, context);

      // Assess
      expect(converted?.kind).toBe(kind);
      expect(converted?.message).toMatch(message);
      expect(converted?.hint).toMatch(hint);
      expect(converted?.exitCode).toBe(kind === 'config' ? 2 : 3);
    }
  );

  it('finds the SDK error behind an adapter error', () => {
    // Prepare
    const wrapped = new Error('the binding store cannot be read', {
      cause: sdkError(
        'AccessDeniedException',
        'not authorized to perform: dynamodb:GetItem'
      ),
    });

    // Act
    const converted = toAwsCliError(wrapped, context);

    // Assess
    expect(converted?.message).toMatch(
      /^AWS denied access: .*dynamodb:GetItem/
    );
  });

  it('leaves errors that are not the SDK’s alone', () => {
    // Act
    const converted = toAwsCliError(
      new Error('a bug', { cause: new Error('deeper') }),
      context
    );

    // Assess
    expect(converted).toBeUndefined();
  });
});
