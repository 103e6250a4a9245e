import type { CamundaOperation, CamundaOutcome } from './types.js';

/**
 * The Camunda configuration is unusable. The message names the variable and
 * the problem, never a secret value.
 */
class CamundaConfigError extends Error {
  /** The environment variable (or secret field) at fault. */
  readonly variable: string;

  constructor(variable: string, problem: string, options?: ErrorOptions) {
    super(`Invalid Camunda configuration: ${variable} ${problem}`, options);
    this.name = 'CamundaConfigError';
    this.variable = variable;
  }
}

/** The OAuth token endpoint did not hand out a token. */
class CamundaAuthError extends Error {
  /** HTTP status of the token endpoint, when it answered. */
  readonly status?: number;

  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CamundaAuthError';
    this.status = status;
  }
}

/** A call that throws on failure (deploy, topology) did not succeed. */
class CamundaRequestError extends Error {
  readonly operation: CamundaOperation;
  /** How the failure classifies: `retry` may succeed later, `poison` never. */
  readonly outcome: Exclude<CamundaOutcome, { kind: 'done' }>;

  constructor(
    operation: CamundaOperation,
    outcome: Exclude<CamundaOutcome, { kind: 'done' }>,
    options?: ErrorOptions
  ) {
    super(outcome.reason, options);
    this.name = 'CamundaRequestError';
    this.operation = operation;
    this.outcome = outcome;
  }
}

export { CamundaAuthError, CamundaConfigError, CamundaRequestError };
