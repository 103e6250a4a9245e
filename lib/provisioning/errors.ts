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

export {
  ProvisioningConfigError,
  ProvisioningError,
  ProvisioningEsmDeleteTimeoutError,
  ProvisioningEventError,
  ProvisioningLockBusyError,
  ProvisioningObjectTooLargeError,
  ProvisioningSecretMissingError,
};
