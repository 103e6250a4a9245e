import { describe, expect, it } from 'vitest';
import { CamundaRequestError } from '../../lib/camunda/index.js';
import {
  checkVersions,
  isScheduledCheck,
  provisionEvent,
  runScheduledCheck,
  SCHEDULED_CHECK_EVENT,
} from '../../lib/provisioning/index.js';
import type { ProcessStatus, StoredBinding } from '../../lib/store/index.js';
import { fromBindingItem, fromStatusItem } from '../../lib/store/index.js';
import { bpmnXml, type ElementSpec } from '../support/bpmn.js';
import { createMemoryWorld, type MemoryWorld } from './helpers/memoryPorts.js';

// Camunda's connectors runtime keeps an inbound connector for every Kafka
// element of the latest version and of older versions that still have
// waiting message subscriptions, and stops the latter once nothing waits
// (docs: components/connectors/advanced-topics/inbound-lifecycle;
// camunda/connectors connector-runtime-spring inbound/importer/
// ImportSchedulers.java and Importers.java poll the active versions,
// inbound/state/ProcessStateManagerImpl.java keeps start events on the
// latest version only).

const start: ElementSpec = {
  id: 'OrderPlaced',
  topic: 'orders',
  groupId: 'order-group',
};
const wait = (overrides: Partial<ElementSpec> = {}): ElementSpec => ({
  id: 'Payment',
  kind: 'catch',
  topic: 'payments',
  groupId: 'payment-group',
  ...overrides,
});
const order = (...elements: ElementSpec[]) =>
  bpmnXml({ id: 'order', elements });

const WAIT = 'order--Payment';
const START = 'order--OrderPlaced';
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

const setup = () => {
  const world = createMemoryWorld();
  let minutes = 0;
  const now = () => new Date(T0 + minutes * 60_000);
  const deps = () => world.deps('request-1', { now });
  const upload = async (xml: string) => {
    world.files.put('order.bpmn', xml);
    return provisionEvent(world.event('created', 'order.bpmn'), deps());
  };
  /** The check five minutes later. */
  const check = async () => {
    minutes += 5;
    return checkVersions(deps());
  };
  return { world, upload, check, deps };
};

const status = (world: MemoryWorld): ProcessStatus => {
  const item = world.table.items().get('PROCESS#order');
  if (item === undefined) throw new Error('no status');
  return fromStatusItem(item);
};

const record = (world: MemoryWorld, id: string): StoredBinding | undefined => {
  const item = world.table.items().get(`BINDING#${id}`);
  return item === undefined ? undefined : fromBindingItem(item);
};

const topicsOf = (world: MemoryWorld) =>
  [...world.mappings.esms.values()]
    .map(
      (esm) =>
        `${esm.request.FunctionName?.split(':').at(-1)}:${esm.request.Topics?.join(',')}`
    )
    .sort();

const keyOf = (world: MemoryWorld, version: number): string =>
  world.camunda.definitions.find((item) => item.version === version)
    ?.processDefinitionKey ?? '';

describe('Process versions (in memory)', () => {
  describe('an upload of a new version', () => {
    it('keeps the mapping of an old version’s message element the new version moved to another topic', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(order(start, wait()));

      // Act
      await upload(order(start, wait({ topic: 'payments-v2' })));

      // Assess
      const [v1, v2] = [keyOf(world, 1), keyOf(world, 2)];
      const versioned = [...world.mappings.aliases.keys()].find((name) =>
        name.startsWith(`${WAIT}--v`)
      );
      expect(versioned).toBeDefined();
      expect(topicsOf(world)).toEqual(
        [
          `${START}:orders`,
          `${WAIT}:payments`,
          `${versioned}:payments-v2`,
        ].sort()
      );
      expect(record(world, WAIT)?.versionKeys).toEqual([[v1]]);
      expect(record(world, versioned ?? '')?.versionKeys).toEqual([[v2]]);
      // The start event serves the latest version only.
      expect(record(world, START)?.versionKeys).toEqual([[v2]]);
      expect(status(world).versions).toEqual([
        {
          processDefinitionKey: v2,
          version: 2,
          latest: true,
          bindingIds: [START, versioned].sort(),
        },
        {
          processDefinitionKey: v1,
          version: 1,
          latest: false,
          supersededAt: '2026-01-01T00:00:00.000Z',
          emptyChecks: 0,
          bindingIds: [WAIT],
        },
      ]);
    });

    it('shares one mapping between versions whose message elements are identical', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload(order(start, wait()));
      const [esmBefore] = [...world.mappings.esms.values()].filter(
        (esm) => esm.request.Topics?.[0] === 'payments'
      );

      // Act
      await upload(order(start, wait(), { id: 'Refund', topic: 'refunds' }));

      // Assess
      const [v1, v2] = [keyOf(world, 1), keyOf(world, 2)];
      expect(topicsOf(world)).toEqual([
        `${START}:orders`,
        `${WAIT}:payments`,
        'order--Refund:refunds',
      ]);
      const [esmAfter] = [...world.mappings.esms.values()].filter(
        (esm) => esm.request.Topics?.[0] === 'payments'
      );
      expect(esmAfter?.uuid).toBe(esmBefore?.uuid);
      expect(record(world, WAIT)?.deployed.binding.elements).toHaveLength(1);
      expect(record(world, WAIT)?.versionKeys).toEqual([[v1, v2]]);
    });
  });

  describe('the scheduled check', () => {
    it('keeps an old version while an instance waits, and retires it after two checks find nothing', async () => {
      // Prepare
      const { world, upload, check } = setup();
      await upload(order(start, wait()));
      await upload(order(start, wait({ topic: 'payments-v2' })));
      const v1 = keyOf(world, 1);
      world.camunda.wait(v1, 'Payment');

      // Act
      const waiting = await check();
      world.camunda.complete(v1);
      const firstEmpty = await check();
      const mappingsAfterOne = topicsOf(world);
      const retired = await check();

      // Assess
      expect(waiting).toEqual([
        {
          processId: 'order',
          processDefinitionKey: v1,
          version: 1,
          outcome: 'waiting',
          subscriptions: 1,
        },
      ]);
      expect(firstEmpty).toMatchObject([{ outcome: 'none', subscriptions: 0 }]);
      expect(mappingsAfterOne).toContain(`${WAIT}:payments`);
      expect(retired).toMatchObject([{ outcome: 'retired' }]);
      expect(topicsOf(world)).not.toContain(`${WAIT}:payments`);
      expect(world.mappings.aliases.has(WAIT)).toBe(false);
      expect(record(world, WAIT)).toBeUndefined();
      expect(status(world).versions).toEqual([
        expect.objectContaining({
          processDefinitionKey: keyOf(world, 2),
          latest: true,
        }),
      ]);
      expect(status(world).errors).toEqual([]);
      expect(
        world.observed.filter((item) => item.kind === 'versionCheck')
      ).toHaveLength(3);
    });

    it('keeps a shared mapping when the old version is retired, with the new version’s element only', async () => {
      // Prepare
      const { world, upload, check } = setup();
      await upload(order(start, wait()));
      await upload(order(start, wait({ correlation: '=value.orderId' })));
      const [v1, v2] = [keyOf(world, 1), keyOf(world, 2)];
      const esm = [...world.mappings.esms.values()].find(
        (item) => item.request.Topics?.[0] === 'payments'
      );
      expect(record(world, WAIT)?.versionKeys).toEqual([[v2], [v1]]);
      const writes = world.mappings.calls.length;

      // Act
      await check();
      await check();

      // Assess
      const after = [...world.mappings.esms.values()].find(
        (item) => item.request.Topics?.[0] === 'payments'
      );
      expect(after?.uuid).toBe(esm?.uuid);
      expect(record(world, WAIT)?.versionKeys).toEqual([[v2]]);
      expect(record(world, WAIT)?.deployed.binding.elements).toMatchObject([
        { elementId: 'Payment', correlationKeyExpression: '=value.orderId' },
      ]);
      expect(
        world.mappings.calls
          .slice(writes)
          .filter((call) => ['createEsm', 'deleteEsmAndWait'].includes(call))
      ).toEqual([]);
    });

    it('deprovisions nothing while Camunda cannot be asked, and says so', async () => {
      // Prepare
      const { world, upload, check } = setup();
      await upload(order(start, wait()));
      await upload(order(start, wait({ topic: 'payments-v2' })));
      const v1 = keyOf(world, 1);
      world.camunda.fail(
        new CamundaRequestError('searchMessageSubscriptions', {
          kind: 'retry',
          reason: 'HTTP 503 RESOURCE_EXHAUSTED',
        }),
        3,
        'searchMessageSubscriptions'
      );

      // Act
      const reports = [await check(), await check(), await check()];
      const mappings = topicsOf(world);
      const recovered = [await check(), await check()];

      // Assess
      for (const report of reports) {
        expect(report).toEqual([
          expect.objectContaining({
            processDefinitionKey: v1,
            outcome: 'failed',
            reason: expect.stringContaining('503'),
          }),
        ]);
      }
      expect(mappings).toContain(`${WAIT}:payments`);
      expect(
        status(world).versions?.find((v) => v.processDefinitionKey === v1)
      ).toBeUndefined();
      expect(recovered.map((r) => r[0]?.outcome)).toEqual(['none', 'retired']);
      expect(topicsOf(world)).not.toContain(`${WAIT}:payments`);
    });

    it('counts thousands of waiting subscriptions page by page', async () => {
      // Prepare
      const { world, upload, check } = setup();
      await upload(order(start, wait()));
      await upload(order(start, wait({ topic: 'payments-v2' })));
      const v1 = keyOf(world, 1);
      world.camunda.wait(v1, 'Payment', 2_500);

      // Act
      const [report] = await check();

      // Assess
      expect(report).toMatchObject({
        outcome: 'waiting',
        subscriptions: 2_500,
      });
      expect(world.camunda.searches.map((s) => s.after)).toEqual([
        undefined,
        '1000',
        '2000',
      ]);
      expect(
        status(world).versions?.find((v) => v.processDefinitionKey === v1)
          ?.lastCheck
      ).toMatchObject({ kind: 'waiting', subscriptions: 2_500 });
    });

    it('checks versions kept from two uploads back independently', async () => {
      // Prepare
      const { world, upload, check } = setup();
      await upload(order(start, wait()));
      await upload(order(start, wait({ topic: 'payments-v2' })));
      await upload(order(start, wait({ topic: 'payments-v3' })));
      const [v1, v2] = [keyOf(world, 1), keyOf(world, 2)];
      world.camunda.wait(v2, 'Payment');

      // Act
      await check();
      await check();

      // Assess
      expect(
        (status(world).versions ?? []).map((v) => v.processDefinitionKey)
      ).toEqual([keyOf(world, 3), v2]);
      expect(
        topicsOf(world)
          .map((t) => t.split(':')[1])
          .sort()
      ).toEqual(['orders', 'payments-v2', 'payments-v3']);
      expect(v1).not.toBe(v2);
    });

    it('is the schedule’s event, told apart from S3 events', async () => {
      // Prepare
      const { world, upload, deps } = setup();
      await upload(order(start, wait()));
      await upload(order(start, wait({ topic: 'payments-v2' })));

      // Act
      const result = await runScheduledCheck(deps());

      // Assess
      expect(isScheduledCheck(SCHEDULED_CHECK_EVENT)).toBe(true);
      expect(isScheduledCheck(world.event('created', 'order.bpmn'))).toBe(
        false
      );
      expect(result).toEqual({
        discovery: [],
        checks: [expect.objectContaining({ outcome: 'none' })],
      });
    });
  });

  describe('removing the file', () => {
    it('deprovisions every version, waiting or not', async () => {
      // Prepare
      const { world, upload, deps } = setup();
      await upload(order(start, wait()));
      await upload(order(start, wait({ topic: 'payments-v2' })));
      world.camunda.wait(keyOf(world, 1), 'Payment');

      // Act
      world.files.remove('order.bpmn');
      await provisionEvent(world.event('removed', 'order.bpmn'), deps());

      // Assess
      expect(topicsOf(world)).toEqual([]);
      expect(world.mappings.aliases.size).toBe(0);
      expect(world.table.items().has('PROCESS#order')).toBe(false);
    });
  });
});
