/** A `secret:<name>` placeholder has no ARN in the map given to `withSecretArns`. */
class EsmSecretArnMissingError extends Error {
  readonly secretName: string;

  constructor(secretName: string, options?: ErrorOptions) {
    super(`No ARN given for secret "${secretName}"`, options);
    this.name = 'EsmSecretArnMissingError';
    this.secretName = secretName;
  }
}

/** The platform settings cannot produce a valid request (operator error). */
class EsmPlatformSettingsError extends Error {
  readonly setting: string;

  constructor(setting: string, message: string, options?: ErrorOptions) {
    super(`Platform setting ${setting}: ${message}`, options);
    this.name = 'EsmPlatformSettingsError';
    this.setting = setting;
  }
}

export { EsmPlatformSettingsError, EsmSecretArnMissingError };
