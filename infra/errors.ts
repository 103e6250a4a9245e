/** Base class of the infrastructure code's errors (thrown at synth time). */
class InfraError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfraError';
  }
}

/** A statically declared binding cannot be turned into resources. */
class StaticProcessError extends InfraError {
  readonly bindingId: string;

  constructor(bindingId: string, message: string, options?: ErrorOptions) {
    super(`Binding ${bindingId}: ${message}`, options);
    this.name = 'StaticProcessError';
    this.bindingId = bindingId;
  }
}

/** The CDK app's configuration (cdk.json context) is invalid. */
class InfraConfigError extends InfraError {
  readonly key: string;

  constructor(key: string, message: string, options?: ErrorOptions) {
    super(`Context ${key}: ${message}`, options);
    this.name = 'InfraConfigError';
    this.key = key;
  }
}

export { InfraConfigError, InfraError, StaticProcessError };
