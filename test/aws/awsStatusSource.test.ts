import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsStatusSource, createDocumentClient } from '../../lib/aws/index.js';
import { formatStatus, readStatus } from '../../lib/provisioning/index.js';
import {
  type ProvisionerTestEnv,
  startProvisionerEnv,
} from '../functions/helpers/provisionerEnv.js';
import { bpmnXml } from '../support/bpmn.js';

describe('Function: readStatus on awsStatusSource', () => {
  let aws: ProvisionerTestEnv;

  beforeAll(async () => {
    aws = await startProvisionerEnv();
  });

  afterAll(async () => {
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

  it('reads every process with the live state of each ESM, and unreadable files', async () => {
    // Prepare
    await provision(
      'order.bpmn',
      bpmnXml({ id: 'order', elements: [{ id: 'Start', topic: 'orders' }] })
    );
    await provision('broken.bpmn', '<definitions');
    const [esm] = aws.esm.list();
    aws.esm.setLastProcessingResult(esm?.UUID ?? '', 'OK');
    const source = awsStatusSource({
      dynamo: createDocumentClient(aws.dynamo),
      lambda: aws.esmClient,
      tableName: 'bindings',
    });

    // Act
    const report = await readStatus(source);
    const one = await readStatus(source, 'order');

    // Assess
    expect(report.processes).toHaveLength(1);
    expect(report.processes[0]).toMatchObject({
      processId: 'order',
      state: 'ok',
      bindings: [
        {
          bindingId: 'order--Start',
          esmUuid: esm?.UUID,
          esmState: 'Creating',
          liveState: 'Enabled',
          lastProcessingResult: 'OK',
        },
      ],
    });
    expect(report.failedSources).toMatchObject([
      {
        sourceKey: 'processes/broken.bpmn',
        errors: [{ message: expect.any(String) }],
      },
    ]);
    expect(one.processes).toEqual(report.processes);
    expect(formatStatus(report)).toContain(
      `ESM ${esm?.UUID}: Enabled, last processing result: OK`
    );
  });

  it('says why an ESM cannot be read', async () => {
    // Prepare
    await provision(
      'order.bpmn',
      bpmnXml({ id: 'order', elements: [{ id: 'Start', topic: 'orders' }] })
    );
    aws.esm.reset();

    // Act
    const report = await readStatus(
      awsStatusSource({
        dynamo: createDocumentClient(aws.dynamo),
        lambda: aws.esmClient,
        tableName: 'bindings',
      }),
      'order'
    );

    // Assess
    expect(report.processes[0]?.bindings[0]?.readError).toBe(
      'the event source mapping does not exist'
    );
  });
});
