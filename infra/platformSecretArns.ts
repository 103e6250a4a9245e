import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SecretNamespaces, secretNamespace } from '../lib/esm/index.js';

/**
 * ARN patterns of one secret namespace (lib/esm's `SecretNamespaces`):
 * `bindings` (the per-binding secrets and MSK's `AmazonMSK_` copies, written
 * by the provisioner, read by the ESM with the consumer role) or `users`
 * (what BPMN files reference as `{{secrets.NAME}}`, read by the provisioner
 * only).
 *
 * @param scope - a construct in the platform's stack
 * @param secretPrefix - the platform's secret prefix
 * @param namespace - which namespace
 */
const platformSecretArns = (
  scope: Construct,
  secretPrefix: string,
  namespace: 'bindings' | 'users'
): string[] => {
  const prefix = secretNamespace(secretPrefix, namespace);
  const names =
    namespace === 'bindings'
      ? [prefix, `${SecretNamespaces.mskScramPrefix}${prefix}`]
      : [prefix];
  return names.map((name) =>
    Stack.of(scope).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${name}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    })
  );
};

export { platformSecretArns };
