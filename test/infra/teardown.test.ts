import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { KafkaInboundStack } from '../../infra/KafkaInboundStack.js';
import { StaticKafkaProcess } from '../../infra/StaticKafkaProcess.js';
import type { KafkaInboundStackProps } from '../../infra/types.js';
import { TeardownDefaults } from '../../lib/provisioning/index.js';
import { esmBindingFactory } from '../support/factories/index.js';

const HANDLER = fileURLToPath(
  new URL('./fixtures/handler.ts', import.meta.url)
);

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
}

const synthesize = (props: Partial<KafkaInboundStackProps> = {}) => {
  const app = new App();
  const stack = new KafkaInboundStack(app, 'TeardownInbound', {
    consumerEntry: HANDLER,
    provisionerEntry: HANDLER,
    camunda: { restAddress: 'https://camunda.example.com/v2' },
    ...props,
  });
  new StaticKafkaProcess(stack, 'Orders', {
    inbound: stack,
    bindings: [esmBindingFactory()],
    updatedAt: '2026-11-26T00:00:00.000Z',
  });
  return app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, Resource>;
  };
};

/** Logical ids a value refers to (Ref, Fn::GetAtt, Fn::Sub's ${Id}). */
const referencesOf = (value: unknown, ids: ReadonlySet<string>): string[] => {
  if (Array.isArray(value)) {
    return value.flatMap((item) => referencesOf(item, ids));
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const record = value as Record<string, unknown>;
  const found: string[] = [];
  if (typeof record.Ref === 'string' && ids.has(record.Ref)) {
    found.push(record.Ref);
  }
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && ids.has(String(getAtt[0]))) {
    found.push(String(getAtt[0]));
  }
  return [
    ...found,
    ...Object.values(record).flatMap((item) => referencesOf(item, ids)),
  ];
};

/**
 * What each resource depends on, as CloudFormation orders them: DependsOn
 * and every Ref/GetAtt. CloudFormation deletes a resource before each one
 * it depends on, directly or not.
 */
const dependencyGraph = (resources: Record<string, Resource>) => {
  const ids = new Set(Object.keys(resources));
  return new Map(
    Object.entries(resources).map(([id, resource]) => [
      id,
      new Set([
        ...[resource.DependsOn ?? []].flat(),
        ...referencesOf(resource.Properties, ids),
      ]),
    ])
  );
};

/** Every resource `from` depends on, directly or through others. */
const reachable = (
  graph: ReturnType<typeof dependencyGraph>,
  from: string
): Set<string> => {
  const seen = new Set<string>();
  const stack = [...(graph.get(from) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() ?? '';
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
};

const idsOf = (
  resources: Record<string, Resource>,
  type: string,
  prefix: string
): string[] =>
  Object.entries(resources)
    .filter(([id, resource]) => resource.Type === type && id.startsWith(prefix))
    .map(([id]) => id);

const VARIANTS = [
  { name: 'default props', props: {} },
  {
    name: 'MSK with SCRAM, discovery, functions in subnets',
    props: {
      mskClusterArns: [
        'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2',
      ],
      mskScramKeyArn:
        'arn:aws:kms:eu-west-1:111122223333:key/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7',
      discoverDeployments: true,
      functionSubnets: { subnetIds: ['subnet-b'], securityGroupIds: ['sg-2'] },
    },
  },
] as const;

describe('The teardown custom resource', { timeout: 120_000 }, () => {
  const synthesized = VARIANTS.map((variant) => ({
    ...variant,
    resources: synthesize(variant.props).Resources,
  }));

  it.each(synthesized)(
    'is the provisioner’s, deleted before what it uses and after what could provision again ($name)',
    ({ resources }) => {
      // Prepare
      const graph = dependencyGraph(resources);
      const [teardown, ...others] = Object.entries(resources).filter(
        ([, resource]) => resource.Type === TeardownDefaults.resourceType
      );
      const [provisioner] = idsOf(
        resources,
        'AWS::Lambda::Function',
        'Provisioner'
      );

      // Act
      const teardownUses = reachable(graph, teardown?.[0] ?? '');

      // Assess
      expect(others).toEqual([]);
      expect(teardown?.[1].Properties).toEqual({
        ServiceToken: { 'Fn::GetAtt': [provisioner, 'Arn'] },
        ServiceTimeout: '1800',
      });
      // Deleted before: the provisioner, its role and policy (and with them
      // its log group), the consumer whose aliases it deletes, the table of
      // binding records.
      const used = [
        ...idsOf(resources, 'AWS::Lambda::Function', 'Provisioner'),
        ...idsOf(resources, 'AWS::IAM::Role', 'ProvisionerServiceRole'),
        ...idsOf(resources, 'AWS::IAM::Policy', 'ProvisionerServiceRole'),
        ...idsOf(resources, 'AWS::Logs::LogGroup', 'ProvisionerLogs'),
        ...idsOf(resources, 'AWS::Lambda::Function', 'Consumer'),
        ...idsOf(resources, 'AWS::DynamoDB::Table', 'BindingTable'),
      ];
      expect(used).toHaveLength(6);
      expect(used.filter((id) => !teardownUses.has(id))).toEqual([]);
      // Deleted after: the bucket rule, its invoke permission and the
      // schedule, which could otherwise provision during the teardown.
      const feeders = [
        ...idsOf(resources, 'AWS::Events::Rule', 'ProcessFileEvents'),
        ...idsOf(resources, 'AWS::Lambda::Permission', 'ProcessFileEvents'),
        ...idsOf(resources, 'AWS::Scheduler::Schedule', 'VersionCheckSchedule'),
      ];
      expect(feeders).toHaveLength(3);
      expect(
        feeders.filter((id) => !reachable(graph, id).has(teardown?.[0] ?? ''))
      ).toEqual([]);
      // Resources of StaticKafkaProcess are CloudFormation's to delete.
      expect([...teardownUses].filter((id) => id.startsWith('Orders'))).toEqual(
        []
      );
    }
  );

  it.each(synthesized)(
    'lets the provisioner read its own stack’s status only ($name)',
    ({ resources }) => {
      // Act
      const statements = idsOf(
        resources,
        'AWS::IAM::Policy',
        'ProvisionerServiceRole'
      ).flatMap(
        (id) =>
          (
            resources[id]?.Properties?.PolicyDocument as
              | {
                  Statement: {
                    Sid?: string;
                    Action: unknown;
                    Resource: unknown;
                  }[];
                }
              | undefined
          )?.Statement ?? []
      );

      // Assess
      expect(
        statements.filter((statement) =>
          JSON.stringify(statement.Action).includes('cloudformation:')
        )
      ).toEqual([
        {
          Sid: 'ReadOwnStackStatus',
          Effect: 'Allow',
          Action: 'cloudformation:DescribeStacks',
          Resource: { Ref: 'AWS::StackId' },
        },
      ]);
    }
  );
});
