import { describe, expect, it } from 'vitest';
import { CamundaRequestError } from '../../lib/camunda/index.js';
import {
  ProvisioningFailedError,
  ProvisioningLockBusyError,
  provisionEvent,
  StatusNotes,
} from '../../lib/provisioning/index.js';
import { sourceKey } from '../../lib/store/index.js';
import { bpmnXml } from '../support/bpmn.js';
import {
  CONSUMER_ARN,
  createMemoryWorld,
  type MemoryWorld,
} from './helpers/memoryPorts.js';

const PASSWORD = 'pa55-word-value';

const order = (
  overrides: {
    topic?: string;
    additional?: Record<string, string>;
    password?: string;
    extra?: boolean;
  } = {}
) =>
  bpmnXml({
    id: 'order',
    elements: [
      {
        id: 'OrderPlaced',
        topic: overrides.topic ?? 'orders',
        groupId: 'order-group',
        ...(overrides.additional === undefined
          ? {}
          : { additional: overrides.additional }),
        ...(overrides.password === undefined
          ? {}
          : { username: 'app', password: overrides.password }),
      },
      ...(overrides.extra === true
        ? [{ id: 'OrderCancelled', topic: 'cancellations' }]
        : []),
    ],
  });

const BINDING = 'order--OrderPlaced';
const SECRET = `kafka-inbound/${BINDING}/basic_auth`;

const setup = () => {
  const world = createMemoryWorld();
  world.secrets.referenced.set('KAFKA_PASSWORD', PASSWORD);
  const upload = async (xml: string, name = 'order.bpmn', owner?: string) => {
    world.files.put(name, xml);
    return provisionEvent(world.event('created', name), world.deps(owner));
  };
  return { world, upload };
};

/** Everything deployed for the bindings (not the status records). */
const deployedState = (world: MemoryWorld) => ({
  aliases: [...world.mappings.aliases.keys()].sort(),
  esms: [...world.mappings.esms.values()].map((esm) => ({
    uuid: esm.uuid,
    topics: esm.request.Topics,
    batchSize: esm.request.BatchSize,
  })),
  secrets: [...world.secrets.owned.keys()].sort(),
  bindings: [...world.table.items().entries()].filter(([pk]) =>
    pk.startsWith('BINDING#')
  ),
});

const esmWrites = (world: MemoryWorld) =>
  world.mappings.calls.filter((call) =>
    ['createEsm', 'updateEsm', 'deleteEsmAndWait'].includes(call)
  );

describe('Function: provisionEvent (in memory)', () => {
  describe('an upload', () => {
    it('deploys the file, then creates alias, secret and binding record before the ESM', async () => {
      // Prepare
      const { world, upload } = setup();
      let recordAtCreate: unknown;
      world.mappings.onCreate(() => {
        recordAtCreate = world.table.items().get(`BINDING#${BINDING}`);
      });

      // Act
      const result = await upload(
        order({ password: '{{secrets.KAFKA_PASSWORD}}' })
      );

      // Assess
      expect(result.outcomes).toEqual([
        {
          key: 'processes/order.bpmn',
          outcome: { kind: 'applied', processIds: ['order'] },
        },
      ]);
      expect(world.camunda.deployments).toEqual([{ name: 'order.bpmn' }]);
      expect(recordAtCreate).toMatchObject({ bindingId: BINDING });
      expect([...world.mappings.aliases]).toEqual([[BINDING, '$LATEST']]);
      const owned = world.secrets.owned.get(SECRET);
      expect(JSON.parse(owned?.text ?? '{}')).toEqual({
        username: 'app',
        password: PASSWORD,
      });
      const [esm] = world.mappings.esms.values();
      expect(esm?.request).toMatchObject({
        FunctionName: `${CONSUMER_ARN}:${BINDING}`,
        Topics: ['orders'],
        SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'order-group' },
        SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: owned?.arn }],
      });
      const items = world.table.items();
      expect(items.get(`BINDING#${BINDING}`)).toMatchObject({
        esmUuid: esm?.uuid,
        esmArn: esm?.arn,
        aliasName: BINDING,
        secretNames: [SECRET],
        deployed: { processDefinitionKey: '10001' },
      });
      expect(items.get('PROCESS#order')).toMatchObject({
        state: 'ok',
        deploymentKey: '1000',
        processDefinitionKey: '10001',
        bindings: [
          {
            bindingId: BINDING,
            esmUuid: esm?.uuid,
            esmState: 'Creating',
            note: StatusNotes.created,
            topic: 'orders',
          },
        ],
      });
      expect(items.get('SOURCE#processes/order.bpmn')).toMatchObject({
        processIds: ['order'],
        lastOutcome: 'applied',
        lastVersion: 'v1',
      });
      expect(JSON.stringify([...items.values()])).not.toContain(PASSWORD);
      expect(world.observed).toEqual([
        {
          kind: 'outcome',
          key: 'processes/order.bpmn',
          outcome: { kind: 'applied', processIds: ['order'] },
        },
      ]);
    });

    it('skips a file outside the processes prefix', async () => {
      // Prepare
      const { world } = setup();
      const event = {
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            s3: {
              bucket: { name: 'processes-bucket' },
              object: { key: 'elsewhere/order.bpmn' },
            },
          },
        ],
      };

      // Act
      const result = await provisionEvent(event, world.deps());

      // Assess
      expect(result.outcomes[0]?.outcome).toEqual({
        kind: 'skipped',
        reason: 'not a BPMN file under the prefix',
      });
      expect(world.mappings.calls).toEqual([]);
    });

    it('reconciles without deploying when DEPLOY_TO_CAMUNDA is off', async () => {
      // Prepare
      const { world } = setup();
      world.files.put('order.bpmn', order());

      // Act
      await provisionEvent(
        world.event('created', 'order.bpmn'),
        world.deps('request-1', { deployToCamunda: false })
      );

      // Assess
      expect(world.camunda.deployments).toEqual([]);
      expect(world.mappings.esms.size).toBe(1);
      expect(world.table.items().get('PROCESS#order')).not.toHaveProperty(
        'processDefinitionKey'
      );
    });
    it('records the platform defaults with the binding, as the consumer reads them', async () => {
      // Prepare
      const world = createMemoryWorld({
        ORDERING_MODE: 'key',
        KEY_CONCURRENCY: '4',
        CAMUNDA_TENANT_ID: 'tenant-a',
        CAMUNDA_BUSINESS_ID_UNIQUENESS: 'true',
      });
      world.files.put('order.bpmn', order());

      // Act
      await provisionEvent(world.event('created', 'order.bpmn'), world.deps());

      // Assess
      expect(world.table.items().get(`BINDING#${BINDING}`)).toMatchObject({
        deployed: {
          ordering: 'key',
          keyConcurrency: 4,
          esmMode: 'provisioned',
          tenantId: 'tenant-a',
          businessIdUniqueness: true,
          processDefinitionKey: '10001',
        },
      });
    });
  });

  describe('a new version', () => {
    it('updates the ESM in place when an updatable setting changed', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(order());
      const [before] = world.mappings.esms.keys();

      // Act
      await upload(order({ additional: { 'max.poll.records': '250' } }));

      // Assess
      expect(esmWrites(world)).toEqual(['createEsm', 'updateEsm']);
      expect(deployedState(world).esms).toEqual([
        { uuid: before, topics: ['orders'], batchSize: 250 },
      ]);
      expect(world.table.items().get('PROCESS#order')).toMatchObject({
        sourceVersion: 'v2',
        bindings: [{ note: expect.stringContaining(StatusNotes.updated) }],
      });
      expect(world.camunda.deployments).toHaveLength(2);
    });

    it('replaces the ESM, deleting it first, when the topic changed', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(order());

      // Act
      await upload(order({ topic: 'orders-v2' }));

      // Assess
      expect(esmWrites(world)).toEqual([
        'createEsm',
        'deleteEsmAndWait',
        'createEsm',
      ]);
      expect(deployedState(world).esms).toEqual([
        { uuid: 'esm-2', topics: ['orders-v2'], batchSize: undefined },
      ]);
      expect(world.table.items().get(`BINDING#${BINDING}`)).toMatchObject({
        esmUuid: 'esm-2',
      });
      expect(world.table.items().get('PROCESS#order')).toMatchObject({
        bindings: [{ note: expect.stringContaining('replayed or skipped') }],
      });
    });

    it('deletes the bindings and secrets the new version no longer has', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(
        order({ extra: true, password: '{{secrets.KAFKA_PASSWORD}}' })
      );

      // Act
      await upload(order());

      // Assess
      expect(deployedState(world)).toMatchObject({
        aliases: [BINDING],
        esms: [{ topics: ['orders'] }],
        secrets: [],
      });
      expect(world.table.items().has('BINDING#order--OrderCancelled')).toBe(
        false
      );
      expect(world.table.items().get('PROCESS#order')).toMatchObject({
        bindings: [{ bindingId: BINDING }],
      });
    });
  });

  describe('an invalid upload', () => {
    it('changes nothing deployed and reports the errors next to the version still applied', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(order());
      const before = deployedState(world);
      const statusBefore = world.table.items().get('PROCESS#order');
      const callsBefore = esmWrites(world);

      // Act
      const result = await upload(order({ topic: '' }));

      // Assess
      expect(result.outcomes[0]?.outcome).toEqual({
        kind: 'rejected',
        processIds: ['order'],
      });
      expect(deployedState(world)).toEqual(before);
      expect(esmWrites(world)).toEqual(callsBefore);
      expect(world.camunda.deployments).toHaveLength(1);
      expect(world.table.items().get('PROCESS#order')).toMatchObject({
        state: 'errors',
        sourceVersion: 'v2',
        appliedVersion: 'v1',
        bindings: statusBefore?.bindings,
        errors: expect.arrayContaining([
          expect.objectContaining({ elementId: 'OrderPlaced' }),
        ]),
      });
      expect(
        world.table.items().get('SOURCE#processes/order.bpmn')
      ).toMatchObject({ lastOutcome: 'rejected', lastVersion: 'v2' });
    });

    it('keeps the errors of a file that names no process on its source item', async () => {
      // Prepare
      const { world, upload } = setup();

      // Act
      const result = await upload('<definitions', 'broken.bpmn');

      // Assess
      expect(result.outcomes[0]?.outcome).toEqual({
        kind: 'rejected',
        processIds: [],
      });
      expect(
        world.table.items().get('SOURCE#processes/broken.bpmn')
      ).toMatchObject({
        lastOutcome: 'rejected',
        errors: [{ message: expect.any(String) }],
      });
      expect(deployedState(world).esms).toEqual([]);
    });

    it('refuses a file larger than MAX_BPMN_BYTES without reading it', async () => {
      // Prepare
      const world = createMemoryWorld({ MAX_BPMN_BYTES: '100' });
      world.files.put('order.bpmn', order());

      // Act
      const result = await provisionEvent(
        world.event('created', 'order.bpmn'),
        world.deps()
      );

      // Assess
      expect(result.outcomes[0]?.outcome.kind).toBe('rejected');
      expect(
        world.table.items().get('SOURCE#processes/order.bpmn')
      ).toMatchObject({
        errors: [
          { message: expect.stringContaining('reads at most 100 bytes') },
        ],
      });
      expect(world.camunda.deployments).toEqual([]);
    });
  });

  describe('a deletion', () => {
    it('removes the ESMs, aliases, per-binding secrets, binding and status records, and keeps a tombstone', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(
        order({ extra: true, password: '{{secrets.KAFKA_PASSWORD}}' })
      );
      world.files.remove('order.bpmn');

      // Act
      const result = await provisionEvent(
        world.event('removed', 'order.bpmn'),
        world.deps()
      );

      // Assess
      expect(result.outcomes[0]?.outcome).toEqual({
        kind: 'removed',
        processIds: ['order'],
      });
      expect(deployedState(world)).toEqual({
        aliases: [],
        esms: [],
        secrets: [],
        bindings: [],
      });
      expect(world.secrets.referenced.has('KAFKA_PASSWORD')).toBe(true);
      const items = world.table.items();
      expect([...items.keys()]).toEqual(['SOURCE#processes/order.bpmn']);
      expect(items.get('SOURCE#processes/order.bpmn')).toMatchObject({
        processIds: [],
        lastOutcome: 'removed',
      });
    });

    it('skips a deletion event when the key exists again', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(order());
      const deletion = world.event('removed', 'order.bpmn');

      // Act
      const result = await provisionEvent(deletion, world.deps());

      // Assess
      expect(result.outcomes[0]?.outcome).toEqual({
        kind: 'skipped',
        reason: 'the object exists again',
      });
      expect(world.mappings.esms.size).toBe(1);
    });

    it('treats a creation event for an object that is gone as its deletion', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(order());
      world.files.remove('order.bpmn');

      // Act
      const result = await provisionEvent(
        world.event('created', 'order.bpmn'),
        world.deps()
      );

      // Assess
      expect(result.outcomes[0]?.outcome.kind).toBe('removed');
      expect(world.mappings.esms.size).toBe(0);
    });
  });

  describe('duplicate and out-of-order events', () => {
    it('skips a repeated event and leaves one ESM', async () => {
      // Prepare
      const { world } = setup();
      world.files.put('order.bpmn', order());
      const event = world.event('created', 'order.bpmn');

      // Act
      await provisionEvent(event, world.deps());
      const again = await provisionEvent(event, world.deps());

      // Assess
      expect(again.outcomes[0]?.outcome).toEqual({
        kind: 'skipped',
        reason: 'this version was handled already',
      });
      expect(esmWrites(world)).toEqual(['createEsm']);
      expect(world.camunda.deployments).toHaveLength(1);
    });

    it('acts on the current version and skips an older event that arrives late', async () => {
      // Prepare
      const { world } = setup();
      world.files.put('order.bpmn', order());
      const first = world.event('created', 'order.bpmn');
      world.files.put('order.bpmn', order({ topic: 'orders-v2' }));
      const second = world.event('created', 'order.bpmn');

      // Act
      const outcomes = [
        await provisionEvent(second, world.deps()),
        await provisionEvent(first, world.deps()),
      ].map((result) => result.outcomes[0]?.outcome);

      // Assess
      expect(outcomes).toEqual([
        { kind: 'applied', processIds: ['order'] },
        { kind: 'skipped', reason: 'a newer event was handled already' },
      ]);
      expect(deployedState(world).esms).toMatchObject([
        { topics: ['orders-v2'] },
      ]);
      expect(esmWrites(world)).toEqual(['createEsm']);
    });

    it('skips a stale creation after a newer deletion', async () => {
      // Prepare
      const { world } = setup();
      world.files.put('order.bpmn', order());
      const creation = world.event('created', 'order.bpmn');
      await provisionEvent(creation, world.deps());
      world.files.remove('order.bpmn');
      await provisionEvent(world.event('removed', 'order.bpmn'), world.deps());
      world.files.put('order.bpmn', order());

      // Act
      const result = await provisionEvent(creation, world.deps());

      // Assess
      expect(result.outcomes[0]?.outcome.kind).toBe('skipped');
      expect(world.mappings.esms.size).toBe(0);
    });
  });

  describe('racing uploads', () => {
    it('serialises two invocations on the file lock: the newest version is applied once', async () => {
      // Prepare
      const { world } = setup();
      world.files.put('order.bpmn', order());
      const first = world.event('created', 'order.bpmn');
      world.files.put('order.bpmn', order({ topic: 'orders-v2' }));
      const second = world.event('created', 'order.bpmn');

      // Act
      const results = await Promise.all([
        provisionEvent(first, world.deps('request-a')),
        provisionEvent(second, world.deps('request-b')),
      ]);

      // Assess
      expect(
        results.map((result) => result.outcomes[0]?.outcome.kind).sort()
      ).toEqual(['applied', 'skipped']);
      expect(esmWrites(world)).toEqual(['createEsm']);
      expect(deployedState(world).esms).toMatchObject([
        { topics: ['orders-v2'] },
      ]);
      const items = world.table.items();
      expect(items.get('PROCESS#order')).toMatchObject({ sourceVersion: 'v2' });
      for (const item of items.values()) {
        expect(item).not.toHaveProperty('lockOwner');
      }
    });

    it('gives up when another invocation keeps the file locked, and changes nothing', async () => {
      // Prepare
      const { world } = setup();
      world.files.put('order.bpmn', order());
      const event = world.event('created', 'order.bpmn');
      const holder = world.table.store('request-a');

      // Act
      const failure = await holder.withLock(
        sourceKey('processes/order.bpmn'),
        () =>
          provisionEvent(
            event,
            world.deps('request-b', { waitMs: 5_000 })
          ).catch((error: unknown) => error)
      );

      // Assess
      expect(failure).toBeInstanceOf(ProvisioningFailedError);
      expect(
        (failure as ProvisioningFailedError).failures[0]?.error
      ).toBeInstanceOf(ProvisioningLockBusyError);
      expect(world.mappings.calls).toEqual([]);
      expect(world.observed).toMatchObject([{ kind: 'failure' }]);
    });
  });

  describe('secret references', () => {
    it('rejects a file whose referenced secret does not exist, naming the secret to create', async () => {
      // Prepare
      const { world, upload } = setup();

      // Act
      const result = await upload(order({ password: '{{secrets.NOT_THERE}}' }));

      // Assess
      expect(result.outcomes[0]?.outcome.kind).toBe('rejected');
      expect(deployedState(world)).toEqual({
        aliases: [],
        esms: [],
        secrets: [],
        bindings: [],
      });
      expect(world.camunda.deployments).toEqual([]);
      expect(world.table.items().get('PROCESS#order')).toMatchObject({
        state: 'errors',
        errors: [
          {
            message: expect.stringContaining(
              `used by ${BINDING}) does not exist: create the Secrets Manager secret kafka-inbound/secrets/NOT_THERE`
            ),
          },
        ],
      });
    });
  });

  describe('Camunda deployment failures', () => {
    it('rejects a file Camunda refuses, leaving what is deployed', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(order());
      const before = deployedState(world);
      world.camunda.fail(
        new CamundaRequestError('deployResources', {
          kind: 'poison',
          status: 400,
          reason: 'Expected to deploy new resources, but encountered errors',
        })
      );

      // Act
      const result = await upload(order({ topic: 'orders-v2' }));

      // Assess
      expect(result.outcomes[0]?.outcome.kind).toBe('rejected');
      expect(deployedState(world)).toEqual(before);
      expect(world.table.items().get('PROCESS#order')).toMatchObject({
        state: 'errors',
        appliedVersion: 'v1',
        errors: [
          {
            message:
              'Camunda did not accept the deployment: Expected to deploy new resources, but encountered errors',
          },
        ],
      });
    });

    it('throws when Camunda is unavailable, so that Lambda retries, and the retry applies the file', async () => {
      // Prepare
      const { world } = setup();
      world.files.put('order.bpmn', order());
      const event = world.event('created', 'order.bpmn');
      world.camunda.fail(
        new CamundaRequestError('deployResources', {
          kind: 'retry',
          status: 503,
          reason: 'Service Unavailable',
        })
      );

      // Act
      const failure = await provisionEvent(event, world.deps()).catch(
        (error: unknown) => error
      );
      const retried = await provisionEvent(event, world.deps());

      // Assess
      expect(failure).toBeInstanceOf(ProvisioningFailedError);
      expect(
        (failure as ProvisioningFailedError).failures[0]?.error
      ).toBeInstanceOf(CamundaRequestError);
      expect(retried.outcomes[0]?.outcome.kind).toBe('applied');
      expect(world.mappings.esms.size).toBe(1);
    });
  });

  describe('AWS failures', () => {
    it('writes an error status listing the unfinished actions, throws, and a retry converges', async () => {
      // Prepare
      const { world } = setup();
      world.files.put('order.bpmn', order());
      const event = world.event('created', 'order.bpmn');
      world.mappings.fail('createEsm', new Error('ThrottlingException'));

      // Act
      const failure = await provisionEvent(event, world.deps()).catch(
        (error: unknown) => error
      );
      const status = world.table.items().get('PROCESS#order');
      const source = world.table.items().get('SOURCE#processes/order.bpmn');
      const retried = await provisionEvent(event, world.deps());

      // Assess
      expect(failure).toBeInstanceOf(ProvisioningFailedError);
      expect((failure as ProvisioningFailedError).failures).toMatchObject([
        { processId: 'order' },
      ]);
      expect(status).toMatchObject({
        state: 'errors',
        errors: [
          {
            message:
              'Provisioning did not finish and will be retried: Error: ThrottlingException',
          },
        ],
        bindings: [{ bindingId: BINDING, note: 'create not finished' }],
      });
      expect(source).not.toHaveProperty('lastOutcome');
      expect(retried.outcomes[0]?.outcome.kind).toBe('applied');
      expect(world.mappings.esms.size).toBe(1);
      // Only the warning that the brokers are unauthenticated is left.
      expect(world.table.items().get('PROCESS#order')).toMatchObject({
        state: 'warnings',
        errors: [],
        bindings: [{ bindingId: BINDING, note: StatusNotes.created }],
      });
    });
  });
});
