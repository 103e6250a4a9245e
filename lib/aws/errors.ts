/** The binding store has no binding with this id (alias name). */
class BindingNotFoundError extends Error {
  readonly bindingId: string;
  readonly tableName: string;

  constructor(bindingId: string, tableName: string, options?: ErrorOptions) {
    super(
      `No binding '${bindingId}' in table ${tableName}: the alias has no binding record (not provisioned yet, or deleted)`,
      options
    );
    this.name = 'BindingNotFoundError';
    this.bindingId = bindingId;
    this.tableName = tableName;
  }
}

/** A binding record exists but does not hold a usable deployed binding. */
class BindingRecordInvalidError extends Error {
  readonly bindingId: string;
  /** What is wrong with the record. */
  readonly problem: string;

  constructor(bindingId: string, problem: string, options?: ErrorOptions) {
    super(`Binding record '${bindingId}' is invalid: ${problem}`, options);
    this.name = 'BindingRecordInvalidError';
    this.bindingId = bindingId;
    this.problem = problem;
  }
}

/** DynamoDB could not be read or written (throttling, missing table, network). */
class BindingStoreUnavailableError extends Error {
  readonly tableName: string;
  readonly operation: string;

  constructor(tableName: string, operation: string, options?: ErrorOptions) {
    const cause = options?.cause;
    const detail = cause instanceof Error ? `: ${cause.name}` : '';
    super(`Binding store ${tableName}: ${operation} failed${detail}`, options);
    this.name = 'BindingStoreUnavailableError';
    this.tableName = tableName;
    this.operation = operation;
  }
}

/** MSK refused to associate (or disassociate) a SASL/SCRAM secret. */
class MskScramAssociationError extends Error {
  readonly clusterArn: string;
  readonly secretArn: string;

  constructor(
    clusterArn: string,
    secretArn: string,
    action: 'associate' | 'disassociate',
    reason: string,
    options?: ErrorOptions
  ) {
    super(
      `MSK cluster ${clusterArn} did not ${action} the SASL/SCRAM secret ${secretArn} (${reason}); the secret must be named AmazonMSK_…, encrypted with a customer managed KMS key, and the cluster must have SASL/SCRAM turned on`,
      options
    );
    this.name = 'MskScramAssociationError';
    this.clusterArn = clusterArn;
    this.secretArn = secretArn;
  }
}

/** SQS did not take some dead letters; their records must be retried. */
class DeadLetterSendError extends Error {
  /** `topic-partition@offset` of each letter that was not sent. */
  readonly failedRecords: readonly string[];

  constructor(failedRecords: readonly string[], options?: ErrorOptions) {
    super(
      `Dead-letter queue refused ${failedRecords.length} letter(s): ${failedRecords.join(', ')}`,
      options
    );
    this.name = 'DeadLetterSendError';
    this.failedRecords = failedRecords;
  }
}

/** The Camunda credentials secret could not be read. */
class CamundaSecretUnavailableError extends Error {
  readonly secretId: string;

  constructor(secretId: string, options?: ErrorOptions) {
    const cause = options?.cause;
    const detail = cause instanceof Error ? `: ${cause.name}` : '';
    super(`Cannot read the Camunda secret ${secretId}${detail}`, options);
    this.name = 'CamundaSecretUnavailableError';
    this.secretId = secretId;
  }
}

/** The Camunda credentials secret is not the JSON object the contract names. */
class CamundaSecretInvalidError extends Error {
  readonly secretId: string;
  readonly problem: string;

  constructor(secretId: string, problem: string, options?: ErrorOptions) {
    super(`The Camunda secret ${secretId} is invalid: ${problem}`, options);
    this.name = 'CamundaSecretInvalidError';
    this.secretId = secretId;
    this.problem = problem;
  }
}

/** The function was invoked without an alias, so it cannot know its binding. */
class FunctionAliasMissingError extends Error {
  readonly invokedFunctionArn: string;

  constructor(invokedFunctionArn: string, options?: ErrorOptions) {
    super(
      `Invoked as ${invokedFunctionArn || '(no ARN)'} without an alias: each binding's event source mapping must target the alias named after its binding id`,
      options
    );
    this.name = 'FunctionAliasMissingError';
    this.invokedFunctionArn = invokedFunctionArn;
  }
}

/** A required environment variable is missing or malformed. */
class AwsConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, problem: string, options?: ErrorOptions) {
    super(`${variable} ${problem}`, options);
    this.name = 'AwsConfigError';
    this.variable = variable;
  }
}

/** A per-binding schema registry secret cannot be read. */
class RegistrySecretUnavailableError extends Error {
  readonly secretName: string;

  constructor(secretName: string, problem: string, options?: ErrorOptions) {
    super(
      `the schema registry secret ${secretName} cannot be read (${problem})`,
      options
    );
    this.name = 'RegistrySecretUnavailableError';
    this.secretName = secretName;
  }
}

/** CloudFormation does not report the stack (DescribeStacks without it). */
class StackStatusUnavailableError extends Error {
  readonly stackId: string;

  constructor(stackId: string, options?: ErrorOptions) {
    super(`CloudFormation reports no status for stack ${stackId}`, options);
    this.name = 'StackStatusUnavailableError';
    this.stackId = stackId;
  }
}

/** CloudFormation's response URL did not take a custom resource response. */
class CustomResourceResponseError extends Error {
  readonly statusCode: number | undefined;

  constructor(statusCode: number | undefined, options?: ErrorOptions) {
    super(
      `CloudFormation's response URL answered ${statusCode ?? 'nothing'} to the custom resource response`,
      options
    );
    this.name = 'CustomResourceResponseError';
    this.statusCode = statusCode;
  }
}

export {
  AwsConfigError,
  BindingNotFoundError,
  BindingRecordInvalidError,
  BindingStoreUnavailableError,
  CamundaSecretInvalidError,
  CamundaSecretUnavailableError,
  CustomResourceResponseError,
  DeadLetterSendError,
  FunctionAliasMissingError,
  MskScramAssociationError,
  RegistrySecretUnavailableError,
  StackStatusUnavailableError,
};
