import { FunctionAliasMissingError } from './errors.js';

// arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>]
const QUALIFIED_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+:([^:]+)$/;

/**
 * The alias a function was invoked through, from `context.invokedFunctionArn`.
 * A version number (`:7`) or `$LATEST` is not an alias.
 *
 * @param invokedFunctionArn - the ARN the function was invoked with
 * @throws FunctionAliasMissingError when the ARN carries no alias
 */
const aliasFromFunctionArn = (invokedFunctionArn: string): string => {
  const qualifier = QUALIFIED_ARN.exec(invokedFunctionArn)?.[1];
  if (
    qualifier === undefined ||
    qualifier === '$LATEST' ||
    /^[0-9]+$/.test(qualifier)
  ) {
    throw new FunctionAliasMissingError(invokedFunctionArn);
  }
  return qualifier;
};

export { aliasFromFunctionArn };
