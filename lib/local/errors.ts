/** Base class of the local runtime's errors. */
class LocalRuntimeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalRuntimeError';
  }
}

/** A variable of the local runtime (LOCAL_*) has an unusable value. */
class LocalConfigError extends LocalRuntimeError {
  readonly variable: string;

  constructor(variable: string, problem: string, options?: ErrorOptions) {
    super(`${variable} ${problem}`, options);
    this.name = 'LocalConfigError';
    this.variable = variable;
  }
}

/** A binding references secrets that no `SECRET_<NAME>` variable provides. */
class LocalSecretMissingError extends LocalRuntimeError {
  readonly secretNames: readonly string[];

  constructor(secretNames: readonly string[], options?: ErrorOptions) {
    super(
      `secret${secretNames.length > 1 ? 's' : ''} ${secretNames.join(', ')} not set: export ${secretNames
        .map((name) => `SECRET_${name}`)
        .join(', ')} before starting`,
      options
    );
    this.name = 'LocalSecretMissingError';
    this.secretNames = secretNames;
  }
}

/** A binding asks for something the local Kafka client cannot do. */
class LocalKafkaConfigError extends LocalRuntimeError {
  readonly property: string;

  constructor(property: string, message: string, options?: ErrorOptions) {
    super(`${property}: ${message}`, options);
    this.name = 'LocalKafkaConfigError';
    this.property = property;
  }
}

export {
  LocalConfigError,
  LocalKafkaConfigError,
  LocalRuntimeError,
  LocalSecretMissingError,
};
