import { describe, expect, it } from 'vitest';
import { loadBindingModel } from '../../lib/binding/index.js';
import { CamundaRequestError } from '../../lib/camunda/index.js';
import {
  provisionEvent,
  runScheduledCheck,
} from '../../lib/provisioning/index.js';
import { fromStatusItem, type ProcessStatus } from '../../lib/store/index.js';
import { bpmnXml, type ElementSpec } from '../support/bpmn.js';
import { createMemoryWorld, type MemoryWorld } from './helpers/memoryPorts.js';

// Camunda's connectors runtime activates inbound connectors of processes
// deployed from any tool: it polls the latest process definitions
// (camunda/connectors connector-runtime-spring inbound/importer/
// ImportSchedulers.java, inbound/search/SearchQueryClientImpl.java) and
// reads each new definition's XML (ProcessDefinitionInspector.java).

const start: ElementSpec = {
  id: 'OrderPlaced',
  topic: 'orders',
  groupId: 'order-group',
};
const wait = (topic = 'payments'): ElementSpec => ({
  id: 'Payment',
  kind: 'catch',
  topic,
  groupId: 'payment-group',
});
const order = (...elements: ElementSpec[]) =>
  bpmnXml({ id: 'order', elements });
const noKafka = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="http://bpmn.io/schema/bpmn">',
  '  <bpmn:process id="invoice" isExecutable="true"><bpmn:startEvent id="S" /></bpmn:process>',
  '</bpmn:definitions>',
].join('\n');

const setup = () => {
  const world = createMemoryWorld({ DISCOVER_DEPLOYMENTS: 'true' });
  const memo = new Set<string>();
  const deps = () => world.deps();
  /** A deployment made in Web Modeler, Desktop Modeler or c8ctl. */
  const deployInModeler = (xml: string, name = 'order.bpmn') =>
    world.camunda.deployResources([{ name, content: xml }]);
  const poll = () => runScheduledCheck(deps(), memo);
  const upload = async (xml: string) => {
    world.files.put('order.bpmn', xml);
    return provisionEvent(world.event('created', 'order.bpmn'), deps());
  };
  const removeFile = async () => {
    world.files.remove('order.bpmn');
    return provisionEvent(world.event('removed', 'order.bpmn'), deps());
  };
  return { world, deployInModeler, poll, upload, removeFile };
};

const status = (world: MemoryWorld): ProcessStatus | undefined => {
  const item = world.table.items().get('PROCESS#order');
  return item === undefined ? undefined : fromStatusItem(item);
};

const topics = (world: MemoryWorld) =>
  [...world.mappings.esms.values()]
    .map((esm) => esm.request.Topics?.[0] ?? '')
    .sort();

describe('Discovery of deployments made in Camunda (in memory)', () => {
  it('provisions a modeler deployment with Kafka elements within one poll, as an upload would', async () => {
    // Prepare
    const { world, deployInModeler, poll } = setup();
    const deployment = await deployInModeler(order(start, wait()));
    const key = deployment.processes[0]?.processDefinitionKey ?? '';

    // Act
    const result = await poll();

    // Assess
    expect(result.discovery).toEqual([
      { processId: 'order', processDefinitionKey: key, outcome: 'provisioned' },
    ]);
    expect(topics(world)).toEqual(['orders', 'payments']);
    expect(status(world)).toMatchObject({
      owner: 'camunda',
      sourceKey: 'camunda:order',
      sourceVersion: key,
      processDefinitionKey: key,
      state: 'warnings',
      versions: [{ processDefinitionKey: key, latest: true }],
    });
    expect(world.table.items().get('BINDING#order--OrderPlaced')).toMatchObject(
      { deployed: { processDefinitionKey: key } }
    );
  });

  it('changes nothing on the next poll and reads the XML of a process without Kafka elements once', async () => {
    // Prepare
    const { world, deployInModeler, poll } = setup();
    await deployInModeler(order(start));
    await deployInModeler(noKafka, 'invoice.bpmn');
    await poll();
    const calls = world.mappings.calls.length;

    // Act
    const second = await poll();

    // Assess
    expect(second.discovery).toEqual([]);
    expect(world.mappings.calls.length).toBe(calls);
    expect(world.camunda.xmlReads).toHaveLength(2);
    expect(world.table.items().has('PROCESS#invoice')).toBe(false);
  });

  it('follows a new modeler version like an upload: the old version’s waiting element stays until nothing waits', async () => {
    // Prepare
    const { world, deployInModeler, poll } = setup();
    const v1 = (await deployInModeler(order(start, wait()))).processes[0]
      ?.processDefinitionKey;
    await poll();
    world.camunda.wait(v1 ?? '', 'Payment');

    // Act
    await deployInModeler(order(start, wait('payments-v2')));
    const moved = await poll();
    const whileWaiting = topics(world);
    world.camunda.complete(v1 ?? '');
    await poll();
    await poll();

    // Assess
    expect(moved.discovery).toMatchObject([{ outcome: 'provisioned' }]);
    expect(moved.checks).toMatchObject([
      { processDefinitionKey: v1, outcome: 'waiting' },
    ]);
    expect(whileWaiting).toEqual(['orders', 'payments', 'payments-v2']);
    expect(topics(world)).toEqual(['orders', 'payments-v2']);
  });

  describe('one owner per process', () => {
    it('leaves a process a bucket file defines alone, and says so when Camunda has a newer version', async () => {
      // Prepare
      const { world, deployInModeler, poll, upload } = setup();
      await upload(order(start));
      const quiet = await poll();
      const calls = world.mappings.calls.length;

      // Act
      await deployInModeler(order(start, wait()));
      const result = await poll();

      // Assess
      expect(quiet.discovery).toEqual([]);
      expect(result.discovery).toMatchObject([
        {
          processId: 'order',
          outcome: 'bucketOwned',
          reason: expect.stringContaining('processes/order.bpmn defines'),
        },
      ]);
      expect(world.mappings.calls.length).toBe(calls);
      expect(status(world)).toMatchObject({
        sourceKey: 'processes/order.bpmn',
      });
      expect(status(world)).not.toHaveProperty('owner');
    });

    it('lets an upload take over a discovered process, after which discovery leaves it alone', async () => {
      // Prepare
      const { world, deployInModeler, poll, upload } = setup();
      await deployInModeler(order(start));
      await poll();

      // Act
      await upload(order(start, wait()));
      const after = await poll();

      // Assess
      expect(status(world)).toMatchObject({
        sourceKey: 'processes/order.bpmn',
        warnings: expect.arrayContaining([
          {
            message:
              'The process was provisioned from Camunda (discovered deployments) before; processes/order.bpmn now defines it.',
          },
        ]),
      });
      expect(status(world)).not.toHaveProperty('owner');
      expect(after.discovery).toEqual([]);
      expect(topics(world)).toEqual(['orders', 'payments']);
    });

    it('does not take up the version a deleted file leaves in Camunda, but a newer deployment', async () => {
      // Prepare
      const { world, deployInModeler, poll, upload, removeFile } = setup();
      await upload(order(start));
      await removeFile();

      // Act
      const released = await poll();
      const newer = (await deployInModeler(order(start, wait()))).processes[0]
        ?.processDefinitionKey;
      const discovered = await poll();

      // Assess
      expect(released.discovery).toEqual([]);
      expect(discovered.discovery).toEqual([
        {
          processId: 'order',
          processDefinitionKey: newer,
          outcome: 'provisioned',
        },
      ]);
      expect(world.table.items().has('RELEASED#order')).toBe(false);
      expect(topics(world)).toEqual(['orders', 'payments']);
    });
  });

  it('leaves a process declared in CDK (StaticKafkaProcess) to the stack', async () => {
    // Prepare
    const { world, deployInModeler, poll } = setup();
    await deployInModeler(order(start));
    const [binding] = (await loadBindingModel(order(start))).bindings;
    await world.deps().store.putBinding({
      bindingId: 'order--OrderPlaced',
      processId: 'order',
      revision: binding?.revision ?? '',
      sourceKey: 'static:Stack/Orders',
      sourceVersion: 'synth',
      deployed: {
        binding: binding as NonNullable<typeof binding>,
        ordering: 'partition',
        keyConcurrency: 16,
        esmMode: 'provisioned',
      },
      secretArns: [],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });

    // Act
    const first = await poll();
    const second = await poll();

    // Assess
    expect(first.discovery).toMatchObject([
      {
        outcome: 'bucketOwned',
        reason: expect.stringContaining(
          'declared in CDK (static:Stack/Orders)'
        ),
      },
    ]);
    expect(second.discovery).toEqual([]);
    // Read only: nothing created, changed or deleted.
    expect(
      world.mappings.calls.filter((call) => !call.startsWith('list'))
    ).toEqual([]);
    expect(status(world)).toBeUndefined();
  });

  it('deprovisions a discovered process whose definitions are deleted in Camunda', async () => {
    // Prepare
    const { world, deployInModeler, poll } = setup();
    const key = (await deployInModeler(order(start, wait()))).processes[0]
      ?.processDefinitionKey;
    await poll();

    // Act
    world.camunda.deleteDefinition(key ?? '');
    const result = await poll();

    // Assess
    expect(result.discovery).toMatchObject([
      { processId: 'order', outcome: 'superseded' },
    ]);
    expect(topics(world)).toEqual([]);
    expect(world.mappings.aliases.size).toBe(0);
    expect(status(world)).toBeUndefined();
  });

  it('deprovisions nothing when the search fails, and says so', async () => {
    // Prepare
    const { world, deployInModeler, poll } = setup();
    await deployInModeler(order(start, wait()));
    await poll();
    world.camunda.fail(
      new CamundaRequestError('searchProcessDefinitions', {
        kind: 'retry',
        reason: 'HTTP 503',
      }),
      1,
      'searchLatestProcessDefinitions'
    );

    // Act
    const result = await poll();

    // Assess
    expect(result.discovery).toEqual([
      {
        processId: '*',
        outcome: 'failed',
        reason: expect.stringContaining('HTTP 503'),
      },
    ]);
    expect(topics(world)).toEqual(['orders', 'payments']);
    expect(status(world)?.owner).toBe('camunda');
  });

  it('rejects a definition whose Kafka element cannot be honoured, deploys nothing and does not read it again', async () => {
    // Prepare
    const { world, deployInModeler, poll } = setup();
    await deployInModeler(
      order({ ...start, password: '{{secrets.MISSING}}', username: 'app' })
    );

    // Act
    const first = await poll();
    const second = await poll();

    // Assess
    expect(first.discovery).toMatchObject([
      {
        outcome: 'rejected',
        reason: expect.stringContaining('Secret "MISSING"'),
      },
    ]);
    expect(second.discovery).toEqual([]);
    expect(world.camunda.xmlReads).toHaveLength(1);
    expect(topics(world)).toEqual([]);
    expect(status(world)).toMatchObject({ state: 'errors', owner: 'camunda' });
  });
});
