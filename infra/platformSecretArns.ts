import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * ARN patterns of the platform's secrets and of MSK's `AmazonMSK_` copies.
 *
 * @param scope - a construct in the platform's stack
 * @param secretPrefix - the platform's secret prefix
 */
const platformSecretArns = (scope: Construct, secretPrefix: string): string[] =>
  [secretPrefix, `AmazonMSK_${secretPrefix}`].map((name) =>
    Stack.of(scope).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${name}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    })
  );

export { platformSecretArns };
