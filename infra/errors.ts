/** A statically declared binding cannot be turned into resources (at synth time). */
class StaticProcessError extends Error {
  readonly bindingId: string;

  constructor(bindingId: string, message: string, options?: ErrorOptions) {
    super(`Binding ${bindingId}: ${message}`, options);
    this.name = 'StaticProcessError';
    this.bindingId = bindingId;
  }
}

/** The CDK app's configuration (cdk.json context) is invalid (at synth time). */
class InfraConfigError extends Error {
  readonly key: string;

  constructor(key: string, message: string, options?: ErrorOptions) {
    super(`Context ${key}: ${message}`, options);
    this.name = 'InfraConfigError';
    this.key = key;
  }
}

export { InfraConfigError, StaticProcessError };
