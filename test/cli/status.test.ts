import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { SCHEDULED_CHECK_EVENT } from '../../lib/provisioning/index.js';
import {
  type ProvisionerTestEnv,
  startProvisionerEnv,
} from '../functions/helpers/provisionerEnv.js';
import { bpmnXml } from '../support/bpmn.js';
import { captureIo } from './cliIo.js';

describe('Command: status (against moto)', () => {
  let aws: ProvisionerTestEnv;
  let saved: NodeJS.ProcessEnv;

  beforeAll(async () => {
    aws = await startProvisionerEnv();
    // The CLI builds its own clients from the environment, as for an operator.
    saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: aws.moto.endpoint,
      AWS_ACCESS_KEY_ID: aws.moto.clientConfig.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.moto.clientConfig.credentials.secretAccessKey,
    });
  });

  afterAll(async () => {
    for (const key of Object.keys(process.env)) {
      if (!(key in saved)) delete process.env[key];
    }
    Object.assign(process.env, saved);
    await aws?.stop();
  });

  beforeEach(async () => {
    await aws.reset();
  });

  const provision = async (name: string, xml: string) => {
    const version = await aws.upload(name, xml);
    await aws.handler()(
      aws.notification('created', name, version),
      aws.context()
    );
  };

  const status = async (args: string[]) => {
    const io = captureIo({ AWS_REGION: 'eu-west-1' });
    const code = await main(['status', ...args], io);
    return { code, io };
  };

  it('prints the deployed processes as one JSON document and exits 0 when all is well', async () => {
    // Prepare: a process without Kafka elements has no mapping to read.
    await provision('plain.bpmn', bpmnXml({ id: 'plain', elements: [] }));

    // Act
    const { code, io } = await status(['--json', '--table', 'bindings']);

    // Assess
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({
      ok: true,
      processes: [
        { processId: 'plain', sourceKey: 'processes/plain.bpmn', bindings: [] },
      ],
      failedSources: [],
    });
    expect(code).toBe(0);
    expect(io.stderr).toEqual([]);
  });

  it('exits 1 with ok false when an event source mapping cannot be read', async () => {
    // Prepare: the provisioner's ESMs live in its fake, not in moto, so the
    // CLI finds none (as after someone deleted it by hand).
    await provision(
      'order.bpmn',
      bpmnXml({ id: 'order', elements: [{ id: 'Start', topic: 'orders' }] })
    );

    // Act
    const json = await status(['--json', '--table', 'bindings']);
    const text = await status(['--table', 'bindings']);

    // Assess
    expect([json.code, text.code]).toEqual([1, 1]);
    expect(JSON.parse(json.io.stdout.join('\n'))).toMatchObject({
      ok: false,
      processes: [
        {
          processId: 'order',
          state: 'ok',
          bindings: [
            {
              bindingId: 'order--Start',
              topic: 'orders',
              readError: 'the event source mapping does not exist',
            },
          ],
        },
      ],
      failedSources: [],
    });
    expect(text.io.stdout.join('\n')).toContain(
      'could not read the ESM: the event source mapping does not exist'
    );
  });

  it('lists each active version of a process and why it is active', async () => {
    // Prepare: version 2 moved the catch event to another topic while an
    // instance of version 1 waits on it; the scheduled check saw it.
    const withWait = (topic: string) =>
      bpmnXml({
        id: 'order',
        elements: [
          {
            id: 'Payment',
            kind: 'catch',
            topic,
            groupId: 'payment-group',
            messageName: 'payment-received',
          },
        ],
      });
    await provision('order.bpmn', withWait('payments'));
    const [v1] = aws.camunda.processes;
    await provision('order.bpmn', withWait('payments-v2'));
    const v2 = aws.camunda.processes[1];
    aws.camunda.openSubscription({
      processDefinitionKey: v1?.processDefinitionKey ?? '',
      elementId: 'Payment',
      messageName: 'payment-received',
      correlationKey: 'order-1',
    });
    await aws.handler()(SCHEDULED_CHECK_EVENT, aws.context());

    // Act
    const json = await status(['--json', '--table', 'bindings']);
    const text = await status(['--table', 'bindings']);

    // Assess
    expect(JSON.parse(json.io.stdout.join('\n')).processes[0].versions).toEqual(
      [
        expect.objectContaining({
          processDefinitionKey: v2?.processDefinitionKey,
          version: 2,
          latest: true,
        }),
        expect.objectContaining({
          processDefinitionKey: v1?.processDefinitionKey,
          version: 1,
          latest: false,
          lastCheck: expect.objectContaining({
            kind: 'waiting',
            subscriptions: 1,
          }),
          bindingIds: ['order--Payment'],
        }),
      ]
    );
    const lines = text.io.stdout.join('\n').split('\n');
    const at = lines.indexOf('  active versions:');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^    version 2 \\(key ${v2?.processDefinitionKey}\\): the latest version; bindings order--Payment--v[0-9a-f]{10}$`
        )
      ),
      expect.stringMatching(
        new RegExp(
          `^    version 1 \\(key ${v1?.processDefinitionKey}\\): 1 waiting message subscription\\(s\\) at Payment \\(checked .+\\); bindings order--Payment$`
        )
      ),
    ]);
  });

  it('exits 1 with ok false when a file has errors, in JSON and in text', async () => {
    // Prepare
    await provision(
      'order.bpmn',
      bpmnXml({ id: 'order', elements: [{ id: 'Start', topic: 'orders' }] })
    );
    await provision('broken.bpmn', '<definitions');

    // Act
    const json = await status(['--json', '--table', 'bindings']);
    const text = await status(['--table', 'bindings']);

    // Assess
    expect([json.code, text.code]).toEqual([1, 1]);
    expect(JSON.parse(json.io.stdout.join('\n'))).toMatchObject({
      ok: false,
      failedSources: [{ sourceKey: 'processes/broken.bpmn' }],
    });
    expect(text.io.stdout.join('\n')).toContain('processes/broken.bpmn');
  });

  it('names the table and the stack output when the table does not exist', async () => {
    // Act
    const { code, io } = await status(['--json', '--table', 'nope']);

    // Assess
    // A wrong name is the operator's to fix: exit 2, as for usage errors.
    expect(code).toBe(2);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({
      ok: false,
      command: 'status',
      exitCode: 2,
      error: {
        kind: 'config',
        message: expect.stringMatching(/^not found: .*nope/),
        hint: 'check --table (the stack output BindingTableName) and the region (--region or AWS_REGION): names are per account and region',
      },
    });
  });
});
