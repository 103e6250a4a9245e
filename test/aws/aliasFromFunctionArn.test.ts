import { describe, expect, it } from 'vitest';
import {
  aliasFromFunctionArn,
  FunctionAliasMissingError,
} from '../../lib/aws/index.js';

describe('Function: aliasFromFunctionArn', () => {
  it.each([
    {
      arn: 'arn:aws:lambda:eu-west-1:123456789012:function:consumer:order-process-orders',
      alias: 'order-process-orders',
    },
    {
      arn: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:consumer:b_1',
      alias: 'b_1',
    },
  ])('returns $alias for $arn', ({ arn, alias }) => {
    // Act
    const result = aliasFromFunctionArn(arn);

    // Assess
    expect(result).toBe(alias);
  });

  it.each([
    {
      case: 'an unqualified ARN',
      arn: 'arn:aws:lambda:eu-west-1:1:function:consumer',
    },
    {
      case: 'a version',
      arn: 'arn:aws:lambda:eu-west-1:1:function:consumer:7',
    },
    {
      case: '$LATEST',
      arn: 'arn:aws:lambda:eu-west-1:1:function:consumer:$LATEST',
    },
    { case: 'an empty ARN', arn: '' },
  ])('throws FunctionAliasMissingError for $case', ({ arn }) => {
    // Act & Assess
    expect(() => aliasFromFunctionArn(arn)).toThrow(FunctionAliasMissingError);
  });
});
