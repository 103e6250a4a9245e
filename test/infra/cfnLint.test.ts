/**
 * cfn-lint (AWS's CloudFormation linter: resource schemas, property types,
 * patterns, IAM policy shapes) on the synthesized templates of the default
 * stack and its variants. Errors fail; warnings are asserted to be the
 * reviewed ones below, each with its reason, so a new one is looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, SecretValue } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { KafkaInboundStack } from '../../infra/KafkaInboundStack.js';
import { StaticKafkaProcess } from '../../infra/StaticKafkaProcess.js';
import type { KafkaInboundStackProps } from '../../infra/types.js';
import { esmBindingFactory } from '../support/factories/index.js';

const HANDLER = fileURLToPath(
  new URL('./fixtures/handler.ts', import.meta.url)
);
const MSK_ARN =
  'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2';

interface Finding {
  readonly Rule: { readonly Id: string };
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Filename: string;
  readonly Location: { readonly Path: readonly (string | number)[] };
}

/** Warnings reviewed and accepted, by rule id, with why. */
const REVIEWED_WARNINGS: Readonly<Record<string, string>> = {
  W3005:
    'Redundant DependsOn: CDK makes a function depend on its role and default policy (so the policy exists before the first call), and a static binding record on its ESM, where a Ref or GetAtt already orders them. Redundant, not wrong.',
};

/** The feature flags `cdk synth` runs with (cdk.json's context). */
const CDK_CONTEXT = (
  JSON.parse(
    readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')
  ) as { context: Record<string, unknown> }
).context;

const VARIANTS: readonly {
  readonly name: string;
  readonly props: Partial<KafkaInboundStackProps>;
  readonly staticProcess?: boolean;
}[] = [
  { name: 'default', props: {} },
  {
    name: 'msk',
    props: {
      mskClusterArns: [
        MSK_ARN,
        `${MSK_ARN.replace('orders', 'payments')}=b-1.payments.x1.c2.kafka.eu-west-1.amazonaws.com:9098`,
      ],
      mskScramKeyArn:
        'arn:aws:kms:eu-west-1:111122223333:key/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7',
      onFailureDestination: 'kafka://orders-dlt',
      esmMetrics: ['EventCount', 'ErrorCount', 'KafkaMetrics'],
    },
  },
  {
    name: 'vpc',
    props: {
      kafkaVpc: {
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
        securityGroupIds: ['sg-0123456789abcdef0'],
      },
      functionSubnets: {
        subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'],
        securityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      },
      onFailureDestination: 'arn:aws:s3:::kafka-inbound-failures',
      alarmEmail: 'ops@example.com',
    },
  },
  {
    name: 'on-demand with destinations',
    props: {
      esmMode: 'onDemand',
      onFailureDestination: 'deadLetterQueue',
      glueSchemaRegistryArns: [
        'arn:aws:glue:eu-west-1:111122223333:registry/orders',
      ],
    },
  },
  {
    name: 'static processes',
    props: { onFailureDestination: 'deadLetterQueue' },
    staticProcess: true,
  },
];

/** Synthesizes each variant into its own template file. */
const synthesize = (directory: string): string[] =>
  VARIANTS.map((variant, index) => {
    const app = new App({ context: CDK_CONTEXT });
    const stack = new KafkaInboundStack(app, `LintInbound${index}`, {
      consumerEntry: HANDLER,
      provisionerEntry: HANDLER,
      camunda: {
        restAddress: 'https://camunda.example.com/v2',
        clientId: 'kafka-inbound',
        oauthUrl: 'https://login.example.com/oauth/token',
      },
      ...variant.props,
    });
    if (variant.staticProcess === true) {
      new StaticKafkaProcess(stack, 'Orders', {
        inbound: stack,
        bindings: [
          esmBindingFactory({
            authentication: {
              securityProtocol: 'SASL_SSL',
              saslMechanism: 'SCRAM-SHA-512',
              username: 'svc-orders',
              password: '{{secrets.KAFKA_PASSWORD}}',
            },
          }),
          esmBindingFactory({ topic: 'payments' }, { id: 'payments-binding' }),
        ],
        secretValues: {
          KAFKA_PASSWORD: SecretValue.unsafePlainText('s3cret'),
        },
        updatedAt: '2026-11-26T00:00:00.000Z',
      });
    }
    const template = app.synth().getStackByName(stack.stackName).template;
    const file = join(
      directory,
      `${variant.name.replaceAll(' ', '-')}.template.json`
    );
    writeFileSync(file, JSON.stringify(template, null, 1));
    return file;
  });

/**
 * Runs cfn-lint on the files: its JSON findings (exit codes 2, 4, 6, 8 say
 * which levels were found; the findings are read either way).
 *
 * @throws Error saying how to install cfn-lint when it is absent
 */
const cfnLint = (files: readonly string[]): Finding[] => {
  let output: string;
  try {
    output = execFileSync(
      'cfn-lint',
      ['--format', 'json', '--regions', 'eu-west-1', '--', ...files],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
    );
  } catch (error) {
    const failed = error as { stdout?: string; code?: string };
    if (failed.code === 'ENOENT' || failed.stdout === undefined) {
      throw new Error(
        'cfn-lint is not installed: `pip install cfn-lint` (bash .ci/run installs it)',
        { cause: error }
      );
    }
    output = failed.stdout;
  }
  return JSON.parse(output === '' ? '[]' : output) as Finding[];
};

const describeFinding = (finding: Finding): string =>
  `${finding.Level} ${finding.Rule.Id} in ${finding.Filename.replace(/.*\//, '')} at ${finding.Location.Path.join('/')}: ${finding.Message}`;

describe('cfn-lint on the synthesized templates', { timeout: 120_000 }, () => {
  const directory = mkdtempSync(join(tmpdir(), 'kafka-inbound-lint-'));
  const files = synthesize(directory);
  // A template with a known error, linted in the same run: the check is not blind.
  const probe = join(directory, 'probe.json');
  writeFileSync(
    probe,
    JSON.stringify({
      Resources: {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: { MessageRetentionPeriod: 10 },
        },
      },
    })
  );
  const all = cfnLint([...files, probe]);
  const findings = all.filter((f) => !f.Filename.endsWith('probe.json'));

  it(`finds no error in the ${VARIANTS.length} variants (${VARIANTS.map((v) => v.name).join(', ')})`, () => {
    // Assess
    expect(files).toHaveLength(VARIANTS.length);
    expect(
      findings.filter((f) => f.Level === 'Error').map(describeFinding)
    ).toEqual([]);
  });

  it('reports an error it is shown', () => {
    // Assess: MessageRetentionPeriod is 60–1209600 in the SQS schema.
    expect(
      all
        .filter((f) => f.Filename.endsWith('probe.json'))
        .map((f) => [f.Level, f.Location.Path.join('/')])
    ).toEqual([['Error', 'Resources/Queue/Properties/MessageRetentionPeriod']]);
  });

  const warnings = findings.filter((f) => f.Level === 'Warning');
  it(`finds only reviewed warnings (${warnings.length}: ${[...new Set(warnings.map((f) => f.Rule.Id))].join(', ')})`, () => {
    // Assess
    expect(
      warnings
        .filter((f) => REVIEWED_WARNINGS[f.Rule.Id] === undefined)
        .map(describeFinding)
    ).toEqual([]);
  });
});
