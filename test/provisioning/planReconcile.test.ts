import { describe, expect, it } from 'vitest';
import {
  type ActualProcessState,
  planReconcile,
} from '../../lib/provisioning/index.js';
import {
  type BindingOptions,
  desiredBinding,
  esmFor,
  recordFor,
} from '../support/factories/index.js';

const nothing: ActualProcessState = { records: [], esms: [], aliases: [] };

const deployedState = (options: BindingOptions = {}): ActualProcessState => {
  const applied = desiredBinding(options);
  return {
    records: [recordFor(applied)],
    esms: [esmFor(applied)],
    aliases: [applied.plan.aliasName],
  };
};

describe('Function: planReconcile', () => {
  it('creates the binding with its alias when nothing exists', () => {
    // Prepare
    const desired = desiredBinding();

    // Act
    const plan = planReconcile('order', [desired], nothing);

    // Assess
    expect(plan.actions).toEqual([
      {
        kind: 'create',
        bindingId: 'order-start',
        desired,
        createAlias: true,
        recordChanged: true,
        obsoleteSecretNames: [],
        extraEsmUuids: [],
      },
    ]);
  });

  it('keeps the ESM when the applied request equals the desired one', () => {
    // Prepare
    const desired = desiredBinding();

    // Act
    const plan = planReconcile('order', [desired], deployedState());

    // Assess
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({
      kind: 'keep',
      createAlias: false,
      recordChanged: false,
    });
  });

  it('keeps the ESM but marks the record changed when only the revision changed', () => {
    // Prepare
    const desired = desiredBinding({ revision: 'r2' });

    // Act
    const plan = planReconcile('order', [desired], deployedState());

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'keep',
      recordChanged: true,
    });
  });

  it('updates in place when only an updatable field changed', () => {
    // Prepare
    const desired = desiredBinding({ batchSize: 500 });
    const actual = deployedState();

    // Act
    const plan = planReconcile('order', [desired], actual);

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'update',
      changedFields: ['BatchSize'],
      esm: { uuid: 'uuid-order-start' },
      previousRequest: actual.records[0]?.esmRequest,
    });
  });

  it.each([
    { field: 'Topics', options: { topic: 'orders-v2' } },
    { field: 'SelfManagedEventSource', options: { servers: ['other:9092'] } },
    { field: 'ConsumerGroupId', options: { groupId: 'new-group' } },
    {
      field: 'StartingPosition',
      options: { startingPosition: 'LATEST' as const },
    },
    {
      field: 'SchemaRegistryConfig',
      options: { registryUrl: 'https://registry.example.com' },
    },
  ])('replaces the ESM when $field changed', ({ field, options }) => {
    // Prepare
    const desired = desiredBinding(options);

    // Act
    const plan = planReconcile('order', [desired], deployedState());

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'replace',
      changedFields: [field],
      esm: { uuid: 'uuid-order-start' },
    });
  });

  it('replaces the ESM when its schema registry is removed (the record format changes)', () => {
    // Prepare
    const desired = desiredBinding();
    const actual = deployedState({
      registryUrl: 'https://registry.example.com',
    });

    // Act
    const plan = planReconcile('order', [desired], actual);

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'replace',
      changedFields: ['SchemaRegistryConfig'],
    });
  });

  it('replaces the ESM when the live ESM drifted from the record', () => {
    // Prepare
    const desired = desiredBinding();
    const state = deployedState();
    const actual: ActualProcessState = {
      ...state,
      esms: [esmFor(desired, { topics: ['somewhere-else'] })],
    };

    // Act
    const plan = planReconcile('order', [desired], actual);

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'replace',
      changedFields: ['Topics'],
    });
  });

  it('treats the same servers in another order as unchanged', () => {
    // Prepare
    const desired = desiredBinding({ servers: ['b:9092', 'a:9092'] });

    // Act
    const plan = planReconcile(
      'order',
      [desired],
      deployedState({ servers: ['a:9092', 'b:9092'] })
    );

    // Assess
    expect(plan.actions[0]?.kind).not.toBe('replace');
  });

  it('deletes a binding the file no longer has, before anything else', () => {
    // Prepare
    const old = desiredBinding({
      id: 'order-old',
      secrets: [
        {
          name: 'kafka-inbound/order-old/sasl',
          accessType: 'BASIC_AUTH',
          fields: { username: 'u', password: '{{secrets.P}}' },
        },
      ],
    });
    const kept = desiredBinding({ id: 'order-new' });
    const actual: ActualProcessState = {
      records: [recordFor(old)],
      esms: [esmFor(old)],
      aliases: ['order-old'],
    };

    // Act
    const plan = planReconcile('order', [kept], actual);

    // Assess
    expect(plan.actions.map((action) => action.kind)).toEqual([
      'delete',
      'create',
    ]);
    expect(plan.actions[0]).toEqual({
      kind: 'delete',
      bindingId: 'order-old',
      esmUuids: ['uuid-order-old'],
      aliasName: 'order-old',
      secretNames: ['kafka-inbound/order-old/sasl'],
      hasRecord: true,
    });
  });

  it('deletes leftovers known only from their tagged ESM or the last status', () => {
    // Prepare
    const orphan = desiredBinding({ id: 'order-orphan' });
    const actual: ActualProcessState = {
      records: [],
      esms: [esmFor(orphan)],
      aliases: [],
      statusBindingIds: ['order-listed'],
    };

    // Act
    const plan = planReconcile('order', [], actual);

    // Assess
    expect(plan.actions).toEqual([
      {
        kind: 'delete',
        bindingId: 'order-listed',
        esmUuids: [],
        secretNames: [],
        hasRecord: false,
      },
      {
        kind: 'delete',
        bindingId: 'order-orphan',
        esmUuids: ['uuid-order-orphan'],
        secretNames: [],
        hasRecord: false,
      },
    ]);
  });

  it('keeps the ESM the record names and deletes extra ones', () => {
    // Prepare
    const desired = desiredBinding();
    const state = deployedState();
    const actual: ActualProcessState = {
      ...state,
      esms: [esmFor(desired, { uuid: 'stray' }), esmFor(desired)],
    };

    // Act
    const plan = planReconcile('order', [desired], actual);

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'keep',
      esm: { uuid: 'uuid-order-start' },
      extraEsmUuids: ['stray'],
    });
  });

  it('creates anew when the only ESM is being deleted', () => {
    // Prepare
    const desired = desiredBinding();
    const actual: ActualProcessState = {
      ...deployedState(),
      esms: [esmFor(desired, { state: 'Deleting' })],
    };

    // Act
    const plan = planReconcile('order', [desired], actual);

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'create',
      extraEsmUuids: ['uuid-order-start'],
    });
  });

  it('adopts an ESM without a record by updating every field it sets', () => {
    // Prepare
    const desired = desiredBinding({ batchSize: 10 });
    const actual: ActualProcessState = {
      records: [],
      esms: [esmFor(desired)],
      aliases: ['order-start'],
    };

    // Act
    const plan = planReconcile('order', [desired], actual);

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'update',
      changedFields: ['Enabled', 'BatchSize', 'FunctionResponseTypes'],
      recordChanged: true,
    });
  });

  it('lists the secrets a binding no longer needs', () => {
    // Prepare
    const secret = {
      name: 'kafka-inbound/order-start/sasl',
      accessType: 'BASIC_AUTH' as const,
      fields: { username: 'u', password: 'p' },
    };
    const actual = deployedState({ secrets: [secret] });
    const desired = desiredBinding();

    // Act
    const plan = planReconcile('order', [desired], actual);

    // Assess
    expect(plan.actions[0]).toMatchObject({
      kind: 'update',
      changedFields: ['SourceAccessConfigurations'],
      obsoleteSecretNames: ['kafka-inbound/order-start/sasl'],
    });
  });
});
