import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
  type SecretsManagerClient,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  referencedSecretId,
  type SecretStore,
  SecretTagKeys,
  stableJson,
} from '../provisioning/index.js';

interface SecretsManagerSecretStoreOptions {
  readonly client: SecretsManagerClient;
  readonly secretPrefix: string;
}

const secretText = (fields: Readonly<Record<string, string>>): string =>
  stableJson(fields);

/**
 * The provisioner's SecretStore port on Secrets Manager. Per-binding secrets
 * (`<prefix>bindings/…`) hold credentials derived from the BPMN (literals)
 * and from `<prefix>secrets/NAME` (references): they are copies, so they are
 * deleted without a recovery window, which also lets a binding that comes
 * back re-create its secret under the same name at once. Secrets are found
 * by name (DescribeSecret), never by listing: ListSecrets cannot be limited
 * to a prefix in IAM.
 *
 * @param options - client and secret prefix
 */
const secretsManagerSecretStore = (
  options: SecretsManagerSecretStoreOptions
): SecretStore => {
  const { client, secretPrefix } = options;
  return {
    readReferenced: async (names) => {
      const values = new Map<string, string>();
      for (const name of names) {
        try {
          const secret = await client.send(
            new GetSecretValueCommand({
              SecretId: referencedSecretId(secretPrefix, name),
            })
          );
          const value =
            secret.SecretString ??
            (secret.SecretBinary === undefined
              ? undefined
              : Buffer.from(secret.SecretBinary).toString('utf8'));
          if (value !== undefined) {
            values.set(name, value);
          }
        } catch (error) {
          if (!(error instanceof ResourceNotFoundException)) {
            throw error;
          }
        }
      }
      return values;
    },
    ensureSecret: async (name, fields, tags, secretOptions = {}) => {
      const text = secretText(fields);
      const { kmsKeyId } = secretOptions;
      const tagList = [
        { Key: SecretTagKeys.bindingId, Value: tags.bindingId },
        { Key: SecretTagKeys.processId, Value: tags.processId },
      ];
      let described:
        | { arn: string; deleted: boolean; kmsKeyId?: string }
        | undefined;
      try {
        const secret = await client.send(
          new DescribeSecretCommand({ SecretId: name })
        );
        described = {
          arn: secret.ARN ?? name,
          deleted: secret.DeletedDate !== undefined,
          ...(secret.KmsKeyId === undefined
            ? {}
            : { kmsKeyId: secret.KmsKeyId }),
        };
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) {
          throw error;
        }
      }
      if (described === undefined) {
        const created = await client.send(
          new CreateSecretCommand({
            Name: name,
            SecretString: text,
            Description: `kafka-inbound: credentials of binding ${tags.bindingId}`,
            Tags: tagList,
            ...(kmsKeyId === undefined ? {} : { KmsKeyId: kmsKeyId }),
          })
        );
        return { arn: created.ARN ?? name, created: true };
      }
      if (described.deleted) {
        await client.send(new RestoreSecretCommand({ SecretId: name }));
      }
      if (kmsKeyId !== undefined && described.kmsKeyId !== kmsKeyId) {
        // Re-encrypts the value with the key MSK requires.
        await client.send(
          new UpdateSecretCommand({
            SecretId: name,
            KmsKeyId: kmsKeyId,
            SecretString: text,
          })
        );
        return { arn: described.arn, created: false };
      }
      const current = await client.send(
        new GetSecretValueCommand({ SecretId: name })
      );
      if (current.SecretString !== text) {
        await client.send(
          new PutSecretValueCommand({ SecretId: name, SecretString: text })
        );
      }
      return { arn: described.arn, created: false };
    },
    findSecrets: async (names) => {
      const found = new Map<string, string>();
      for (const name of names) {
        try {
          const secret = await client.send(
            new DescribeSecretCommand({ SecretId: name })
          );
          if (secret.DeletedDate === undefined && secret.ARN !== undefined) {
            found.set(name, secret.ARN);
          }
        } catch (error) {
          if (!(error instanceof ResourceNotFoundException)) {
            throw error;
          }
        }
      }
      return found;
    },
    deleteSecret: async (name) => {
      try {
        await client.send(
          new DeleteSecretCommand({
            SecretId: name,
            ForceDeleteWithoutRecovery: true,
          })
        );
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) {
          throw error;
        }
      }
    },
  };
};

export type { SecretsManagerSecretStoreOptions };
export { secretsManagerSecretStore };
