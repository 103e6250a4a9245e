/** Base class of the provisioner's errors. */
class ProvisioningError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProvisioningError';
  }
}

/** The Lambda event is neither an S3 notification nor an S3 EventBridge event. */
class ProvisioningEventError extends ProvisioningError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProvisioningEventError';
  }
}

/** A `{{secrets.X}}` reference names a secret that does not exist. */
class ProvisioningSecretMissingError extends ProvisioningError {
  readonly secretName: string;

  constructor(secretName: string, options?: ErrorOptions) {
    super(`Secret "${secretName}" is referenced but does not exist`, options);
    this.name = 'ProvisioningSecretMissingError';
    this.secretName = secretName;
  }
}

/** The BPMN object is larger than the provisioner reads. */
class ProvisioningObjectTooLargeError extends ProvisioningError {
  readonly key: string;
  readonly bytes: number;
  readonly limit: number;

  constructor(
    key: string,
    bytes: number,
    limit: number,
    options?: ErrorOptions
  ) {
    super(
      `Object ${key} has ${bytes} bytes; the limit is ${limit} bytes`,
      options
    );
    this.name = 'ProvisioningObjectTooLargeError';
    this.key = key;
    this.bytes = bytes;
    this.limit = limit;
  }
}

/** Another invocation holds the lock of a file or process; retry later. */
class ProvisioningLockBusyError extends ProvisioningError {
  readonly lockKey: string;

  constructor(lockKey: string, options?: ErrorOptions) {
    super(`${lockKey} is being provisioned by another invocation`, options);
    this.name = 'ProvisioningLockBusyError';
    this.lockKey = lockKey;
  }
}

/** A deleted event source mapping did not disappear in time. */
class ProvisioningEsmDeleteTimeoutError extends ProvisioningError {
  readonly uuid: string;

  constructor(uuid: string, waitedMs: number, options?: ErrorOptions) {
    super(
      `Event source mapping ${uuid} was still being deleted after ${waitedMs} ms`,
      options
    );
    this.name = 'ProvisioningEsmDeleteTimeoutError';
    this.uuid = uuid;
  }
}

/** A provisioner setting (environment variable) is missing or invalid. */
class ProvisioningConfigError extends ProvisioningError {
  readonly setting: string;

  constructor(setting: string, message: string, options?: ErrorOptions) {
    super(`${setting}: ${message}`, options);
    this.name = 'ProvisioningConfigError';
    this.setting = setting;
  }
}

/** A process that failed to provision while others went on. */
interface ProcessFailure {
  readonly processId: string;
  readonly error: unknown;
}

/**
 * Some processes of a file failed to provision (each has an error status);
 * thrown after every process was tried, so that Lambda retries the event.
 */
class ProvisioningFailedError extends ProvisioningError {
  readonly failures: readonly ProcessFailure[];

  constructor(failures: readonly ProcessFailure[], options?: ErrorOptions) {
    super(
      `Provisioning failed for ${failures.map((failure) => failure.processId).join(', ')}`,
      options
    );
    this.name = 'ProvisioningFailedError';
    this.failures = failures;
  }
}

export type { ProcessFailure };
export {
  ProvisioningConfigError,
  ProvisioningError,
  ProvisioningEsmDeleteTimeoutError,
  ProvisioningEventError,
  ProvisioningFailedError,
  ProvisioningLockBusyError,
  ProvisioningObjectTooLargeError,
  ProvisioningSecretMissingError,
};
