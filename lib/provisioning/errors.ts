/** The Lambda event is neither an S3 notification nor an S3 EventBridge event. */
class ProvisioningEventError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProvisioningEventError';
  }
}

/** A `{{secrets.X}}` reference names a secret that does not exist. */
class ProvisioningSecretMissingError extends Error {
  readonly secretName: string;

  constructor(secretName: string, options?: ErrorOptions) {
    super(`Secret "${secretName}" is referenced but does not exist`, options);
    this.name = 'ProvisioningSecretMissingError';
    this.secretName = secretName;
  }
}

/** Another invocation holds the lock of a file or process; retry later. */
class ProvisioningLockBusyError extends Error {
  readonly lockKey: string;

  constructor(lockKey: string, options?: ErrorOptions) {
    super(`${lockKey} is being provisioned by another invocation`, options);
    this.name = 'ProvisioningLockBusyError';
    this.lockKey = lockKey;
  }
}

/** A deleted event source mapping did not disappear in time. */
class ProvisioningEsmDeleteTimeoutError extends Error {
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
class ProvisioningConfigError extends Error {
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
class ProvisioningFailedError extends Error {
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
  ProvisioningEsmDeleteTimeoutError,
  ProvisioningEventError,
  ProvisioningFailedError,
  ProvisioningLockBusyError,
  ProvisioningSecretMissingError,
};
