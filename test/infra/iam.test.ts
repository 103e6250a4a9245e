import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { rules } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { KafkaInboundStack } from '../../infra/KafkaInboundStack.js';
import {
  kafkaInboundWildcards,
  type ReviewedWildcard,
} from '../../infra/ReviewedWildcards.js';
import { StaticKafkaProcess } from '../../infra/StaticKafkaProcess.js';
import type { KafkaInboundStackProps } from '../../infra/types.js';
import { esmBindingFactory } from '../support/factories/index.js';

const HANDLER = fileURLToPath(
  new URL('./fixtures/handler.ts', import.meta.url)
);
const INFRA = new URL('../../infra/', import.meta.url);
const SECRET_PREFIX = 'kafka-inbound/';
const REVIEWED = kafkaInboundWildcards(SECRET_PREFIX);

type Json = Record<string, unknown>;

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** One statement of one function's role, with its wildcard findings. */
interface Permission {
  readonly function: string;
  readonly role: string;
  readonly statement: Statement;
  /** cdk-nag's AwsSolutions-IAM5 findings (`Action::…`, `Resource::…`). */
  readonly findings: readonly string[];
}

const synthesize = (
  props: Partial<KafkaInboundStackProps>,
  withStaticProcess: boolean
) => {
  const app = new App();
  const stack = new KafkaInboundStack(app, 'IamInbound', {
    consumerEntry: HANDLER,
    provisionerEntry: HANDLER,
    camunda: {
      restAddress: 'https://camunda.example.com/v2',
      authStrategy: 'OAUTH',
      clientId: 'kafka-inbound',
      oauthUrl: 'https://login.example.com/oauth/token',
      tokenAudience: 'zeebe-api',
    },
    ...props,
  });
  if (withStaticProcess) {
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
      ],
      secretValues: { KAFKA_PASSWORD: SecretValue.unsafePlainText('s3cret') },
      updatedAt: '2026-11-26T00:00:00.000Z',
    });
  }
  return app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties?: Json }>;
  };
};

/** cdk-nag's wildcard findings of a single statement. */
const findingsOf = (statement: Statement): string[] => {
  const stack = new Stack(new App(), 'Probe');
  const policy = new CfnPolicy(stack, 'Policy', {
    policyName: 'probe',
    policyDocument: { Version: '2012-10-17', Statement: [statement] },
  });
  const findings = rules.iam.IAMNoWildcardPermissions(policy);
  return Array.isArray(findings) ? findings : [];
};

const refOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as Json).Ref;
  const getAtt = (value as Json)['Fn::GetAtt'];
  if (typeof ref === 'string') return ref;
  return Array.isArray(getAtt) ? String(getAtt[0]) : undefined;
};

/** Every function's role and the statements of every policy on that role. */
const permissionsOf = (template: ReturnType<typeof synthesize>) => {
  const resources = Object.entries(template.Resources);
  const permissions: Permission[] = [];
  const managed: { function: string; arns: string[] }[] = [];
  for (const [functionId, fn] of resources) {
    if (fn.Type !== 'AWS::Lambda::Function') continue;
    const role = refOf(fn.Properties?.Role) ?? '';
    const roleProps = template.Resources[role]?.Properties ?? {};
    managed.push({
      function: functionId,
      arns: ((roleProps.ManagedPolicyArns as unknown[]) ?? []).map((arn) =>
        JSON.stringify(arn)
          .replace(/.*:policy\//, '')
          .replace(/"\]\]}$/, '')
      ),
    });
    const inline = (
      (roleProps.Policies as { PolicyDocument: Json }[]) ?? []
    ).map((p) => p.PolicyDocument);
    const attached = resources
      .filter(
        ([, r]) =>
          r.Type === 'AWS::IAM::Policy' &&
          ((r.Properties?.Roles as unknown[]) ?? []).some(
            (ref) => refOf(ref) === role
          )
      )
      .map(([, r]) => r.Properties?.PolicyDocument as Json);
    for (const document of [...inline, ...attached]) {
      for (const statement of document.Statement as Statement[]) {
        permissions.push({
          function: functionId,
          role,
          statement,
          findings: findingsOf(statement),
        });
      }
    }
  }
  return { permissions, managed };
};

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : [value];

/** A CloudFormation value as text: `<Logical.Arn>`, `<Region>`, joins joined. */
const render = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (typeof value !== 'object' || value === null) return String(value);
  const node = value as Json;
  const join = node['Fn::Join'];
  if (Array.isArray(join)) {
    const [separator, parts] = join as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  const getAtt = node['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  if (typeof node.Ref === 'string') return `<${node.Ref.replace('AWS::', '')}>`;
  return `{${Object.entries(node)
    .map(([k, v]) => `${k}: ${render(v)}`)
    .join(', ')}}`;
};

const table = (permissions: readonly Permission[]): string =>
  permissions
    .map((p) =>
      [
        `${p.function} (${p.role}) ${p.statement.Sid ?? '-'} ${p.statement.Effect}`,
        `  actions:    ${list(p.statement.Action).join(' ')}`,
        `  resources:  ${list(p.statement.Resource).map(render).join(' ')}`,
        ...(p.statement.Condition === undefined
          ? []
          : [`  conditions: ${render(p.statement.Condition)}`]),
        ...(p.findings.length === 0
          ? []
          : [`  wildcards:  ${p.findings.join(' ')}`]),
      ].join('\n')
    )
    .join('\n');

const reviewedFor = (finding: string): ReviewedWildcard | undefined =>
  REVIEWED.find((entry) => entry.finding.test(finding));

/** infra/ sources (without the registry) as lines, by file. */
const infraSources = (): { file: string; lines: string[] }[] =>
  readdirSync(INFRA)
    .filter((f) => f.endsWith('.ts') && f !== 'ReviewedWildcards.ts')
    .map((file) => ({
      file,
      lines: readFileSync(new URL(file, INFRA), 'utf8').split('\n'),
    }));

const COMMENT = /\/\/ wildcard\(([a-z0-9-]+)\): \S/;
const GRANT = /addToRolePolicy\(|new PolicyStatement\(|\.grant\w*\(/;

/**
 * The wildcard ids justified next to a statement's grant site: the comments
 * in the lines before the statement's `sid:` (up to the call that adds it),
 * or, for a statement CDK's grant methods write (no sid), the comments right
 * above a `.grant…(` call.
 */
const justifiedIds = (
  statement: Statement,
  sources: ReturnType<typeof infraSources>
): Set<string> => {
  const ids = new Set<string>();
  for (const { lines } of sources) {
    lines.forEach((line, index) => {
      const sited =
        statement.Sid === undefined
          ? /\.grant\w*\(/.test(line)
          : line.includes(`sid: '${statement.Sid}'`);
      if (!sited) return;
      for (let i = index - 1; i >= 0 && i >= index - 8; i--) {
        const above = lines[i] ?? '';
        const id = COMMENT.exec(above)?.[1];
        if (id) ids.add(id);
        else if (
          !/^\s*\/\/|addToRolePolicy\(|new PolicyStatement\(|^\s*$/.test(above)
        ) {
          break;
        }
      }
    });
  }
  return ids;
};

const STACKS = [
  { name: 'default props', props: {}, withStaticProcess: false },
  {
    name: 'MSK (one cluster ARN), Kafka VPC, functions in subnets, SQS destination, a static process',
    props: {
      mskClusterArns: [
        'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2',
      ],
      kafkaVpc: { subnetIds: ['subnet-a'], securityGroupIds: ['sg-1'] },
      functionSubnets: { subnetIds: ['subnet-b'], securityGroupIds: ['sg-2'] },
      onFailureDestination: 'arn:aws:sqs:eu-west-1:111122223333:esm-failures',
      glueSchemaRegistryArns: [
        'arn:aws:glue:eu-west-1:111122223333:registry/orders',
      ],
    },
    withStaticProcess: true,
  },
  {
    name: 'MSK clusters by ARN (one with its brokers), a SCRAM key, an S3 destination, ESM metrics',
    props: {
      mskClusterArns: [
        'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2',
        'arn:aws:kafka:eu-west-1:111122223333:cluster/payments/0b2f6c1e-1111-2222-3333-444455556666-3=b-1.payments.x1.c2.kafka.eu-west-1.amazonaws.com:9098',
      ],
      mskScramKeyArn:
        'arn:aws:kms:eu-west-1:111122223333:key/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7',
      onFailureDestination: 'arn:aws:s3:::kafka-inbound-failures',
      esmMetrics: ['EventCount', 'KafkaMetrics'],
    },
    withStaticProcess: false,
  },
] as const;

const synthesized = STACKS.map((s) => ({
  ...s,
  ...permissionsOf(synthesize(s.props, s.withStaticProcess)),
}));

describe('IAM permissions of the synthesized stack', {
  timeout: 60_000,
}, () => {
  it.each(synthesized)(
    'justifies every wildcard of every function with $name',
    ({ name, permissions, managed }) => {
      // Prepare
      const sources = infraSources();
      console.log(
        `IAM permissions (${name}):\n${table(permissions)}\nmanaged policies: ${managed.map((m) => `${m.function}: ${m.arns.join(', ')}`).join('; ')}`
      );

      // Act
      const problems = permissions.flatMap((p) =>
        p.findings.flatMap((finding) => {
          const where = `${p.function} ${p.statement.Sid ?? '(CDK grant)'} ${finding}`;
          const reviewed = reviewedFor(finding);
          if (!reviewed) return [`${where}: not in infra/ReviewedWildcards.ts`];
          return justifiedIds(p.statement, sources).has(reviewed.id)
            ? []
            : [
                `${where}: no "// wildcard(${reviewed.id}): <reason>" at the grant`,
              ];
        })
      );

      // Assess
      expect(permissions.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      const actions = permissions.flatMap((p) => list(p.statement.Action));
      expect(actions.filter((a) => /^(\*|[\w-]+:\*)$/.test(String(a)))).toEqual(
        []
      );
      // The one managed policy (logs:CreateLogGroup/CreateLogStream/
      // PutLogEvents on *) is acknowledged with a reason where it is added.
      for (const { arns } of managed) {
        expect(arns).toEqual(['service-role/AWSLambdaBasicExecutionRole']);
      }
      const acknowledged = sources.filter(({ lines }) =>
        lines.some((l) =>
          l.includes(
            'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'
          )
        )
      );
      expect(acknowledged.map((s) => s.file).sort()).toEqual([
        'KafkaInbound.ts',
        'StaticKafkaProcess.ts',
      ]);
    }
  );

  it('has a registry entry with a reason for every wildcard comment, and no stale entry', () => {
    // Prepare
    const sources = infraSources();
    const commentIds = new Set(
      sources.flatMap(({ lines }) =>
        lines.flatMap((l) => {
          const id = COMMENT.exec(l)?.[1];
          return id ? [id] : [];
        })
      )
    );
    const hit = new Set(
      synthesized.flatMap((s) =>
        s.permissions.flatMap((p) =>
          p.findings.flatMap((f) => reviewedFor(f)?.id ?? [])
        )
      )
    );

    // Assess
    const registry = REVIEWED.map((entry) => entry.id);
    expect(new Set(registry).size).toBe(registry.length);
    expect([...commentIds].sort()).toEqual([...registry].sort());
    expect([...hit].sort()).toEqual([...registry].sort());
    for (const entry of REVIEWED) {
      expect(entry.reason.length).toBeGreaterThan(30);
    }
    // Each comment sits at a grant site (a grant within the next 8 lines).
    for (const { file, lines } of sources) {
      lines.forEach((line, index) => {
        if (!COMMENT.test(line)) return;
        const next = lines.slice(index + 1, index + 9).join('\n');
        expect(GRANT.test(next), `${file}:${index + 1}`).toBe(true);
      });
    }
  });
});
