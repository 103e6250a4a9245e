import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  paginateListSecrets,
  ResourceNotFoundException,
  RestoreSecretCommand,
  type SecretsManagerClient,
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
 * hold credentials derived from the BPMN (literals) and
 * from `<prefix>secrets/NAME` (references): they are copies, so they are
 * deleted without a recovery window, which also lets a binding that comes
 * back re-create its secret under the same name at once.
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
    ensureSecret: async (name, fields, tags) => {
      const text = secretText(fields);
      const tagList = [
        { Key: SecretTagKeys.bindingId, Value: tags.bindingId },
        { Key: SecretTagKeys.processId, Value: tags.processId },
      ];
      let described: { arn: string; deleted: boolean } | undefined;
      try {
        const secret = await client.send(
          new DescribeSecretCommand({ SecretId: name })
        );
        described = {
          arn: secret.ARN ?? name,
          deleted: secret.DeletedDate !== undefined,
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
          })
        );
        return { arn: created.ARN ?? name, created: true };
      }
      if (described.deleted) {
        await client.send(new RestoreSecretCommand({ SecretId: name }));
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
    findBindingSecretNames: async (bindingId) => {
      const names: string[] = [];
      for await (const page of paginateListSecrets(
        { client },
        {
          Filters: [
            { Key: 'tag-key', Values: [SecretTagKeys.bindingId] },
            { Key: 'tag-value', Values: [bindingId] },
          ],
        }
      )) {
        for (const secret of page.SecretList ?? []) {
          const tagged = secret.Tags?.some(
            (tag) =>
              tag.Key === SecretTagKeys.bindingId && tag.Value === bindingId
          );
          if (tagged === true && secret.Name !== undefined) {
            names.push(secret.Name);
          }
        }
      }
      return names;
    },
  };
};

export type { SecretsManagerSecretStoreOptions };
export { secretsManagerSecretStore };
