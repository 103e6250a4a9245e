import { fileURLToPath } from 'node:url';
import { App, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { KafkaInbound } from '../../infra/KafkaInbound.js';
import { KafkaInboundStack } from '../../infra/KafkaInboundStack.js';
import { StaticKafkaProcess } from '../../infra/StaticKafkaProcess.js';
import type { KafkaInboundStackProps } from '../../infra/types.js';
import { esmBindingFactory } from '../support/factories/index.js';

const HANDLER = fileURLToPath(
  new URL('./fixtures/handler.ts', import.meta.url)
);

const checkedApp = (props: Partial<KafkaInboundStackProps> = {}) => {
  const app = new App();
  const stack = new KafkaInboundStack(app, 'NagInbound', {
    consumerEntry: HANDLER,
    provisionerEntry: HANDLER,
    camunda: { restAddress: 'https://camunda.example.com/v2' },
    ...props,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
};

const acknowledgements = (root: IConstruct) =>
  root.node
    .findAll()
    .flatMap((construct) => construct.node.metadata)
    .filter(
      (entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    )
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
    .filter(([id]) => id.includes('AwsSolutions-'));

describe('cdk-nag: AwsSolutionsChecks', { timeout: 60_000 }, () => {
  it('passes on the default stack', () => {
    // Prepare
    const { app } = checkedApp();

    // Act & Assess
    expect(() => app.synth()).not.toThrow();
  });

  it('passes with MSK, a VPC, functions in subnets, an on-failure destination and a static process', () => {
    // Prepare
    const { app, stack } = checkedApp({
      mskClusterArns: [
        'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2',
      ],
      kafkaVpc: { subnetIds: ['subnet-a'], securityGroupIds: ['sg-1'] },
      functionSubnets: { subnetIds: ['subnet-b'], securityGroupIds: ['sg-2'] },
      onFailureDestination: 'deadLetterQueue',
      alarmEmail: 'ops@example.com',
    });
    new StaticKafkaProcess(stack, 'Orders', {
      inbound: stack,
      bindings: [
        esmBindingFactory({
          authentication: {
            securityProtocol: 'SASL_SSL',
            saslMechanism: 'PLAIN',
            username: 'u',
            password: '{{secrets.P}}',
          },
        }),
      ],
      secretValues: { P: SecretValue.unsafePlainText('p') },
      updatedAt: '2026-11-26T00:00:00.000Z',
    });

    // Act & Assess
    expect(() => app.synth()).not.toThrow();
  });

  it('passes with KafkaInbound and a static process in a stack of one’s own', () => {
    // Prepare
    const app = new App();
    const stack = new Stack(app, 'OwnStack');
    const inbound = new KafkaInbound(stack, 'Inbound', {
      consumerEntry: HANDLER,
      provisionerEntry: HANDLER,
      camunda: { restAddress: 'https://camunda.example.com/v2' },
      mskClusterArns: [
        'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2',
      ],
    });
    new StaticKafkaProcess(stack, 'Orders', {
      inbound,
      bindings: [esmBindingFactory()],
      updatedAt: '2026-11-26T00:00:00.000Z',
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act & Assess
    expect(() => app.synth()).not.toThrow();
  });

  it('fails the synth on an unacknowledged finding', () => {
    // Prepare
    const { app, stack } = checkedApp();
    new Bucket(stack, 'Unreviewed');

    // Act & Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });

  it('gives every acknowledged finding a written reason', () => {
    // Prepare
    const { app } = checkedApp({
      mskClusterArns: [
        'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2',
      ],
    });
    app.synth();

    // Act
    const acknowledged = acknowledgements(app);

    // Assess
    expect(acknowledged.length).toBeGreaterThan(10);
    for (const [, reason] of acknowledged) {
      expect(reason.trim().length).toBeGreaterThan(30);
    }
  });
});
