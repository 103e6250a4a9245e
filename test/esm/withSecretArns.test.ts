import { describe, expect, it } from 'vitest';
import {
  buildEsmPlan,
  EsmSecretArnMissingError,
  withSecretArns,
} from '../../lib/esm/index.js';
import {
  deployedFactory,
  esmBindingFactory,
  platformFactory,
} from '../support/factories/index.js';

const NAME = 'kafka-inbound/order-process-kafka-start/basic_auth';
const ARN = `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${NAME}-AbCdEf`;

const saslPlan = () =>
  buildEsmPlan(
    deployedFactory(
      esmBindingFactory({
        authentication: {
          securityProtocol: 'SASL_SSL',
          saslMechanism: 'PLAIN',
          username: 'u',
          password: 'p',
        },
      })
    ),
    platformFactory({
      vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
    })
  );

describe('Function: withSecretArns', () => {
  it.each([
    { kind: 'a record', arns: { [NAME]: ARN } },
    { kind: 'a map', arns: new Map([[NAME, ARN]]) },
  ])('replaces secret placeholders with ARNs from $kind', ({ arns }) => {
    // Prepare
    const plan = saslPlan();

    // Act
    const resolved = withSecretArns(plan, arns);

    // Assess
    expect(resolved.request.SourceAccessConfigurations).toEqual([
      { Type: 'BASIC_AUTH', URI: ARN },
      { Type: 'VPC_SUBNET', URI: 'subnet:subnet-1' },
      { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-1' },
    ]);
    expect(plan.request.SourceAccessConfigurations?.[0]?.URI).toBe(
      `secret:${NAME}`
    );
  });

  it('throws naming the secret when its ARN is missing', () => {
    // Prepare
    const plan = saslPlan();

    // Act & Assess
    expect(() => withSecretArns(plan, {})).toThrow(
      expect.objectContaining({
        name: 'EsmSecretArnMissingError',
        secretName: NAME,
      })
    );
    expect(() => withSecretArns(plan, new Map())).toThrow(
      EsmSecretArnMissingError
    );
  });

  it('returns the plan unchanged when it has no access configurations', () => {
    // Prepare
    const plan = buildEsmPlan(deployedFactory(), platformFactory());

    // Act
    const resolved = withSecretArns(plan, {});

    // Assess
    expect(resolved).toBe(plan);
  });
});
