import { describe, expect, it } from 'vitest';
import {
  handleTeardownRequest,
  parseTeardownRequest,
  provisionEvent,
  runScheduledCheck,
  type StackStates,
  TeardownDefaults,
  type TeardownRequest,
} from '../../lib/provisioning/index.js';
import { processKey } from '../../lib/store/index.js';
import { bpmnXml } from '../support/bpmn.js';
import { storedBindingFactory } from '../support/factories/index.js';
import { createMemoryWorld, type MemoryWorld } from './helpers/memoryPorts.js';

// CloudFormation's custom resource requests (CloudFormation User Guide,
// "Custom resource request objects"): RequestType, ResponseURL, StackId,
// RequestId, ResourceType, LogicalResourceId, PhysicalResourceId (Update
// and Delete).
const STACK_ID =
  'arn:aws:cloudformation:eu-west-1:123456789012:stack/KafkaInbound/5b3c0f10-0000-0000-0000-000000000000';

const cfnEvent = (
  requestType: 'Create' | 'Update' | 'Delete',
  overrides: Record<string, unknown> = {}
) => ({
  RequestType: requestType,
  ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provisioner',
  ResponseURL:
    'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/x',
  StackId: STACK_ID,
  RequestId: 'f0e1d2c3-0000-0000-0000-000000000000',
  ResourceType: TeardownDefaults.resourceType,
  LogicalResourceId: 'Teardown',
  ...(requestType === 'Create'
    ? {}
    : { PhysicalResourceId: TeardownDefaults.physicalResourceId }),
  ResourceProperties: { ServiceToken: 'x' },
  ...overrides,
});

const request = (
  requestType: 'Create' | 'Update' | 'Delete'
): TeardownRequest => {
  const parsed = parseTeardownRequest(cfnEvent(requestType));
  if (parsed === undefined) throw new Error('not a teardown request');
  return parsed;
};

const stackIn = (status: string): StackStates & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    status: async (stackId) => {
      asked.push(stackId);
      return status;
    },
  };
};

const order = bpmnXml({
  id: 'order',
  elements: [
    {
      id: 'OrderPlaced',
      topic: 'orders',
      groupId: 'order-group',
      username: 'app',
      password: '{{secrets.KAFKA_PASSWORD}}',
    },
  ],
});
const shipment = bpmnXml({
  id: 'shipment',
  elements: [{ id: 'Shipped', topic: 'shipments', groupId: 'ship-group' }],
});

/** An uploaded process (with a binding secret) and a discovered one. */
const provisionedWorld = async () => {
  const world = createMemoryWorld({ DISCOVER_DEPLOYMENTS: 'true' });
  world.secrets.referenced.set('KAFKA_PASSWORD', 'pa55-word');
  world.files.put('order.bpmn', order);
  await provisionEvent(world.event('created', 'order.bpmn'), world.deps());
  await world.camunda.deployResources([
    { name: 'shipment.bpmn', content: shipment },
  ]);
  await runScheduledCheck(world.deps());
  return world;
};

const teardownDeps = (
  world: MemoryWorld,
  stacks: StackStates,
  hasTime: () => boolean = () => true
) => ({ ...world.deps('teardown-request'), stacks, hasTime });

/** What the provisioner created at run time (not the teardown mark). */
const leftovers = (world: MemoryWorld) => ({
  aliases: [...world.mappings.aliases.keys()].sort(),
  esms: [...world.mappings.esms.values()].map(
    (esm) => esm.tags['kafka-inbound:binding-id']
  ),
  secrets: [...world.secrets.owned.keys()].sort(),
  items: [...world.table.items().keys()]
    .filter((pk) => /^(BINDING|PROCESS|RELEASED)#/.test(pk))
    .sort(),
});

const NOTHING = { aliases: [], esms: [], secrets: [], items: [] };

describe('Teardown of the platform when its stack is deleted (in memory)', () => {
  it('provisions an uploaded and a discovered process, as the teardown tests start from', async () => {
    // Act
    const world = await provisionedWorld();

    // Assess
    expect(leftovers(world)).toEqual({
      aliases: ['order--OrderPlaced', 'shipment--Shipped'],
      esms: ['order--OrderPlaced', 'shipment--Shipped'],
      secrets: ['kafka-inbound/bindings/order--OrderPlaced/basic_auth'],
      items: [
        'BINDING#order--OrderPlaced',
        'BINDING#shipment--Shipped',
        'PROCESS#order',
        'PROCESS#shipment',
      ],
    });
  });

  it('removes every ESM (waiting for each), alias, binding secret and record on Delete, uploaded and discovered processes alike', async () => {
    // Prepare
    const world = await provisionedWorld();
    const stack = stackIn('DELETE_IN_PROGRESS');

    // Act
    const response = await handleTeardownRequest(
      request('Delete'),
      teardownDeps(world, stack)
    );

    // Assess
    expect(response).toEqual({
      status: 'SUCCESS',
      reason: 'kafka-inbound teardown removed 2 process(es)',
      physicalResourceId: TeardownDefaults.physicalResourceId,
      report: {
        removed: expect.arrayContaining(['order', 'shipment']),
        failed: [],
        remaining: [],
      },
    });
    expect(stack.asked).toEqual([STACK_ID]);
    expect(leftovers(world)).toEqual(NOTHING);
    // Deleted the way deprovisioning deletes: each ESM waited for.
    expect(
      world.mappings.calls.filter((call) => call === 'deleteEsmAndWait')
    ).toHaveLength(2);
    expect(world.table.items().get('PLATFORM')).toMatchObject({
      sk: 'TEARDOWN',
      since: '2026-01-01T00:00:00.000Z',
    });
  });

  it('also removes a process whose ESM a run that did not finish left without a status, and leaves StaticKafkaProcess’s to CloudFormation', async () => {
    // Prepare
    const world = await provisionedWorld();
    const store = world.deps('crashed-run').store;
    await store.withLock(processKey('order'), () =>
      store.deleteStatus('order')
    );
    const staticBinding = {
      ...storedBindingFactory(),
      bindingId: 'inventory--Start',
      processId: 'inventory',
      sourceKey: 'static:KafkaInbound/Inventory',
    };
    await store.putBinding(staticBinding);
    await world.mappings.createEsm({
      FunctionName: `${world.deps().config.platform.consumerFunctionArn}:inventory--Start`,
      Topics: ['inventory'],
      SelfManagedEventSource: {
        Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['broker-1:9092'] },
      },
      Tags: {
        'kafka-inbound:process-id': 'inventory',
        'kafka-inbound:binding-id': 'inventory--Start',
      },
    });

    // Act
    const response = await handleTeardownRequest(
      request('Delete'),
      teardownDeps(world, stackIn('DELETE_IN_PROGRESS'))
    );

    // Assess
    expect(response.status).toBe('SUCCESS');
    expect([...(response.report?.removed ?? [])].sort()).toEqual([
      'order',
      'shipment',
    ]);
    expect(leftovers(world)).toEqual({
      ...NOTHING,
      esms: ['inventory--Start'],
      items: ['BINDING#inventory--Start'],
    });
  });

  it('provisions nothing afterwards: a late upload event and the schedule are skipped', async () => {
    // Prepare
    const world = await provisionedWorld();
    await handleTeardownRequest(
      request('Delete'),
      teardownDeps(world, stackIn('DELETE_IN_PROGRESS'))
    );
    world.files.put('order.bpmn', order);
    await world.camunda.deployResources([
      { name: 'late.bpmn', content: shipment.replaceAll('shipment', 'late') },
    ]);

    // Act
    const upload = await provisionEvent(
      world.event('created', 'order.bpmn'),
      world.deps()
    );
    const scheduled = await runScheduledCheck(world.deps());

    // Assess
    expect(upload.outcomes).toEqual([
      {
        key: 'processes/order.bpmn',
        outcome: {
          kind: 'skipped',
          reason: expect.stringMatching(/^the platform is being torn down/),
        },
      },
    ]);
    expect(scheduled).toEqual({ discovery: [], checks: [] });
    expect(leftovers(world)).toEqual(NOTHING);
  });

  it('leaves the platform running when the stack rolls back the update that added the resource', async () => {
    // Prepare
    const world = await provisionedWorld();
    const before = leftovers(world);

    // Act
    const response = await handleTeardownRequest(
      request('Delete'),
      teardownDeps(world, stackIn('UPDATE_ROLLBACK_IN_PROGRESS'))
    );

    // Assess
    expect(response).toMatchObject({
      status: 'SUCCESS',
      reason: expect.stringContaining('the platform stays'),
    });
    expect(leftovers(world)).toEqual(before);
    expect(world.table.items().has('PLATFORM')).toBe(false);
  });

  it.each(['Create', 'Update'] as const)(
    'does nothing on %s, with a physical id that never changes',
    async (requestType) => {
      // Prepare
      const world = await provisionedWorld();
      const before = leftovers(world);
      const stack = stackIn('UPDATE_IN_PROGRESS');

      // Act
      const response = await handleTeardownRequest(
        request(requestType),
        teardownDeps(world, stack)
      );

      // Assess
      expect(response).toMatchObject({
        status: 'SUCCESS',
        physicalResourceId: TeardownDefaults.physicalResourceId,
      });
      expect(stack.asked).toEqual([]);
      expect(leftovers(world)).toEqual(before);
    }
  );

  it('fails the delete loudly, naming the process and the reason, and finishes when deleted again', async () => {
    // Prepare
    const world = await provisionedWorld();
    world.mappings.fail(
      'deleteEsmAndWait',
      Object.assign(new Error('Rate exceeded'), {
        name: 'TooManyRequestsException',
      }),
      1
    );
    const deps = teardownDeps(world, stackIn('DELETE_IN_PROGRESS'));

    // Act
    const first = await handleTeardownRequest(request('Delete'), deps);
    const afterFirst = leftovers(world);
    const second = await handleTeardownRequest(request('Delete'), deps);

    // Assess
    expect(first.status).toBe('FAILED');
    expect(first.report?.removed).toHaveLength(1);
    const [failed] = first.report?.failed ?? [];
    expect(first.reason).toContain(
      `could not remove 1: ${failed?.processId} (TooManyRequestsException: Rate exceeded)`
    );
    expect(first.reason).toContain('delete the stack again');
    expect(afterFirst.esms).toEqual([
      `${failed?.processId === 'order' ? 'order--OrderPlaced' : 'shipment--Shipped'}`,
    ]);
    expect(second).toMatchObject({
      status: 'SUCCESS',
      report: { removed: [failed?.processId], failed: [], remaining: [] },
    });
    expect(leftovers(world)).toEqual(NOTHING);
  });

  it('begins no process without time left and says which are left', async () => {
    // Prepare
    const world = await provisionedWorld();
    const before = leftovers(world);

    // Act
    const response = await handleTeardownRequest(
      request('Delete'),
      teardownDeps(world, stackIn('DELETE_IN_PROGRESS'), () => false)
    );

    // Assess
    expect(response.status).toBe('FAILED');
    expect([...(response.report?.remaining ?? [])].sort()).toEqual([
      'order',
      'shipment',
    ]);
    expect(response.reason).toMatch(
      /not begun in this invocation's time: (order, shipment|shipment, order)/
    );
    expect(leftovers(world)).toEqual(before);
  });

  it('removes nothing when the stack’s status cannot be read', async () => {
    // Prepare
    const world = await provisionedWorld();
    const before = leftovers(world);
    const stacks: StackStates = {
      status: async () => {
        throw Object.assign(new Error('User is not authorized'), {
          name: 'AccessDenied',
        });
      },
    };

    // Act
    const response = await handleTeardownRequest(
      request('Delete'),
      teardownDeps(world, stacks)
    );

    // Assess
    expect(response).toEqual({
      status: 'FAILED',
      reason:
        "kafka-inbound teardown could not read the stack's status, so it removed nothing: AccessDenied: User is not authorized",
      physicalResourceId: TeardownDefaults.physicalResourceId,
    });
    expect(leftovers(world)).toEqual(before);
  });

  it('recognizes only CloudFormation requests for the teardown resource', () => {
    // Assess
    expect(parseTeardownRequest(cfnEvent('Delete'))).toEqual({
      requestType: 'Delete',
      stackId: STACK_ID,
      requestId: 'f0e1d2c3-0000-0000-0000-000000000000',
      logicalResourceId: 'Teardown',
      physicalResourceId: TeardownDefaults.physicalResourceId,
      responseUrl:
        'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/x',
    });
    expect(
      parseTeardownRequest(
        cfnEvent('Delete', { ResourceType: 'Custom::Other' })
      )
    ).toBeUndefined();
    expect(
      parseTeardownRequest(cfnEvent('Delete', { ResponseURL: undefined }))
    ).toBeUndefined();
    expect(
      parseTeardownRequest({ kafkaInbound: 'scheduledCheck' })
    ).toBeUndefined();
    expect(parseTeardownRequest({ Records: [] })).toBeUndefined();
  });
});
