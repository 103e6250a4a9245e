import {
  CloudFormationClient,
  CreateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cloudFormationStackStates,
  StackStatusUnavailableError,
} from '../../lib/aws/index.js';
import { type Moto, startMoto } from '../support/moto.js';

describe('Function: cloudFormationStackStates (on moto)', () => {
  let moto: Moto;
  let client: CloudFormationClient;

  beforeAll(async () => {
    moto = await startMoto();
    client = new CloudFormationClient({
      ...moto.clientConfig,
      region: 'eu-west-1',
    });
  });

  afterAll(async () => {
    await moto?.stop();
  });

  beforeEach(async () => {
    await moto.reset();
  });

  it('reads the status of a stack by its id', async () => {
    // Prepare
    const created = await client.send(
      new CreateStackCommand({
        StackName: 'KafkaInbound',
        TemplateBody: JSON.stringify({
          Resources: {
            Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
          },
        }),
      })
    );

    // Act
    const status = await cloudFormationStackStates({ client }).status(
      created.StackId ?? ''
    );

    // Assess
    expect(status).toBe('CREATE_COMPLETE');
  });

  it('throws for a stack CloudFormation does not know', async () => {
    // Act
    const failure = await cloudFormationStackStates({ client })
      .status(
        'arn:aws:cloudformation:eu-west-1:123456789012:stack/Gone/5b3c0f10-1111-2222-3333-444455556666'
      )
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(StackStatusUnavailableError);
    expect((failure as Error).name).toMatch(/ValidationError/);
  });
});
