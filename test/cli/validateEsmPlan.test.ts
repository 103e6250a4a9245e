/**
 * `validate` fails exactly where an upload would be refused: the ESM plans'
 * errors (the provisioner's own `planBindings`), the platform settings the
 * ESM cannot honour, and MSK clusters discovered as the provisioner does.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { parseCommandArgs } from '../../lib/cli/parseCommandArgs.js';
import { runValidate, validateCommand } from '../../lib/cli/validate.js';
import type { MskClusters } from '../../lib/provisioning/index.js';
import { captureIo } from './cliIo.js';

const CLUSTER =
  'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2';
const BROKER = 'b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com';
const ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCOUNT_ID: '111122223333',
};

/** The order process on MSK with IAM authentication. */
const mskIamProcess = (): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'validate-msk-')), 'msk.bpmn');
  const example = readFileSync('examples/order-process.bpmn', 'utf8');
  writeFileSync(
    file,
    example
      .replace(
        '<zeebe:property name="topic.bootstrapServers" value="localhost:9092" />',
        `<zeebe:property name="topic.bootstrapServers" value="${BROKER}:9098" />
          <zeebe:property name="additionalProperties" value="={&#34;security.protocol&#34;: &#34;SASL_SSL&#34;, &#34;sasl.mechanism&#34;: &#34;AWS_MSK_IAM&#34;}" />`
      )
      .replace(
        '<zeebe:property name="authenticationType" value="credentials" />',
        ''
      )
  );
  return file;
};

interface Report {
  files: {
    bindings: { esm?: { request: Record<string, unknown> } }[];
    warnings: { property?: string; message: string }[];
    errors: { elementId?: string; property?: string; message: string }[];
  }[];
}

const discovering = (
  answer: Awaited<ReturnType<MskClusters['describe']>>
): MskClusters => ({
  describe: () => Promise.resolve(answer),
  associateScramSecret: () => Promise.resolve(),
  disassociateScramSecret: () => Promise.resolve(),
});

describe('Command: validate, ESM plans', () => {
  it('exits 1 and names element and property when the brokers are of an MSK cluster the platform does not know', async () => {
    // Prepare
    const file = mskIamProcess();
    const json = captureIo(ENV);
    const readable = captureIo(ENV);

    // Act
    const code = await main(['validate', '--json', file], json);
    const readableCode = await main(['validate', file], readable);

    // Assess
    expect(code).toBe(1);
    expect(readableCode).toBe(1);
    const report = JSON.parse(json.stdout.join('\n')) as Report;
    // The servers are of an unknown cluster, and IAM needs a known one.
    expect(report.files[0]?.errors).toEqual([
      expect.objectContaining({
        elementId: 'OrderPlacedStartEvent',
        property: 'topic.bootstrapServers',
        message: expect.stringMatching(/MSK/),
      }),
      expect.objectContaining({
        elementId: 'OrderPlacedStartEvent',
        property: 'sasl.mechanism',
        message: expect.stringMatching(
          /AWS_MSK_IAM needs an Amazon MSK cluster/
        ),
      }),
    ]);
    expect(readable.stdout.join('\n')).toMatch(
      /INVALID[\s\S]*error: .*OrderPlacedStartEvent.*sasl\.mechanism/
    );
  });

  it('discovers a cluster given by ARN alone and plans an MSK ESM on it', async () => {
    // Prepare
    const file = mskIamProcess();
    const io = captureIo({ ...ENV, MSK_CLUSTER_ARNS: CLUSTER });

    // Act
    const code = await runValidate(
      parseCommandArgs(validateCommand, ['--json', file]),
      io,
      {
        msk: discovering({
          kind: 'found',
          bootstrapServers: [`${BROKER}:9098`],
          authentication: ['iam'],
        }),
      }
    );

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as Report;
    expect(report.files[0]?.errors).toEqual([]);
    expect(report.files[0]?.bindings[0]?.esm?.request).toMatchObject({
      EventSourceArn: CLUSTER,
    });
    expect(report.files[0]?.bindings[0]?.esm?.request).not.toHaveProperty(
      'SourceAccessConfigurations'
    );
  });

  it('exits 1 saying why when the cluster cannot be read', async () => {
    // Prepare
    const file = mskIamProcess();
    const io = captureIo({ ...ENV, MSK_CLUSTER_ARNS: CLUSTER });

    // Act
    const code = await runValidate(
      parseCommandArgs(validateCommand, ['--json', file]),
      io,
      {
        msk: discovering({ kind: 'unavailable', reason: 'ForbiddenException' }),
      }
    );

    // Assess
    expect(code).toBe(1);
    const report = JSON.parse(io.stdout.join('\n')) as Report;
    expect(report.files[0]?.warnings).toContainEqual({
      property: 'mskClusterArns',
      message: expect.stringMatching(/ForbiddenException/),
    });
    expect(report.files[0]?.errors).toContainEqual(
      expect.objectContaining({ property: 'sasl.mechanism' })
    );
  });

  it('exits 1 naming the platform setting the ESM cannot honour', async () => {
    // Prepare
    const io = captureIo({
      ...ENV,
      ESM_MODE: 'onDemand',
      ESM_METRICS: 'KafkaMetrics',
    });

    // Act
    const code = await main(
      ['validate', '--json', 'examples/order-process.bpmn'],
      io
    );

    // Assess
    expect(code).toBe(1);
    const report = JSON.parse(io.stdout.join('\n')) as Report;
    expect(report.files[0]?.errors).toEqual([
      { property: 'esmMetrics', message: expect.stringMatching(/esmMetrics/) },
    ]);
  });
});
