import { describe, expect, it } from 'vitest';
import { loadBindingModel } from '../../lib/binding/index.js';
import type { Binding } from '../../lib/binding/types.js';
import {
  consumerIdentity,
  type ExistingBinding,
  type MergedBinding,
  mergeVersionBindings,
  splitRetained,
  versionedBindingId,
} from '../../lib/versions/index.js';
import { bpmnXml, type ElementSpec } from '../support/bpmn.js';

const V1 = '2251799813685249';
const V2 = '2251799813685260';
const V3 = '2251799813685271';

const bindingsOf = async (...elements: ElementSpec[]): Promise<Binding[]> => {
  const model = await loadBindingModel(bpmnXml({ id: 'order', elements }));
  expect(model.errors).toEqual([]);
  return [...model.bindings];
};

const wait = (overrides: Partial<ElementSpec> = {}): ElementSpec => ({
  id: 'Wait',
  kind: 'catch',
  topic: 'payments',
  groupId: 'order-payments',
  ...overrides,
});

const start = (overrides: Partial<ElementSpec> = {}): ElementSpec => ({
  id: 'Start',
  topic: 'orders',
  groupId: 'order-start',
  ...overrides,
});

/** What the merge gave, as the existing bindings of the next round. */
const asExisting = (merged: readonly MergedBinding[]): ExistingBinding[] =>
  merged.map((item) => ({
    id: item.binding.id,
    binding: item.binding,
    versionKeys: item.versionKeys,
  }));

const idsOf = (existing: readonly ExistingBinding[]) =>
  existing.map((item) => ({
    id: item.id,
    identity: consumerIdentity(item.binding),
  }));

/** One provisioning round: the latest version, and the retained keys. */
const round = (
  latest: { key: string; bindings: Binding[] } | undefined,
  existing: readonly ExistingBinding[],
  retained: readonly string[]
) =>
  mergeVersionBindings(
    latest,
    splitRetained(existing, new Set(retained)),
    idsOf(existing)
  );

const summary = (merged: readonly MergedBinding[]) =>
  merged.map((item) => ({
    id: item.binding.id,
    topic: item.binding.kafka.topic,
    elements: item.binding.elements.map((element, index) => [
      element.elementId,
      element.correlationKeyExpression,
      ...(item.versionKeys[index] ?? []),
    ]),
    latest: item.latest,
  }));

describe('Function: mergeVersionBindings', () => {
  it('leaves the bindings of one version as buildBindings made them (ids and revisions)', async () => {
    // Prepare
    const bindings = await bindingsOf(start(), wait());

    // Act
    const merged = round({ key: V1, bindings }, [], []);

    // Assess
    expect(
      merged.map((item) => [item.binding.id, item.binding.revision])
    ).toEqual(bindings.map((binding) => [binding.id, binding.revision]));
    expect(merged.map((item) => item.binding)).toEqual(bindings);
    expect(merged.map((item) => item.versionKeys)).toEqual([[[V1]], [[V1]]]);
  });

  it('shares one binding between versions with the same cluster, topic and group: the elements of both, equal ones once', async () => {
    // Prepare
    const v1 = round(
      { key: V1, bindings: await bindingsOf(start(), wait()) },
      [],
      []
    );
    const v2Bindings = await bindingsOf(
      start({ activationCondition: '=true' }),
      wait(),
      wait({ id: 'Refund', correlation: '=value.refundOf' })
    );

    // Act
    const merged = round({ key: V2, bindings: v2Bindings }, asExisting(v1), [
      V1,
    ]);

    // Assess
    // Refund has Wait's connector properties: AUTO deduplication puts both
    // into one binding of version 2, which version 1's Wait then shares.
    expect(summary(merged)).toEqual([
      {
        id: 'order--Start',
        topic: 'orders',
        elements: [['Start', undefined, V2]],
        latest: true,
      },
      {
        id: 'order--Wait',
        topic: 'payments',
        elements: [
          ['Refund', '=value.refundOf', V2],
          ['Wait', '=value.id', V1, V2],
        ],
        latest: true,
      },
    ]);
  });

  it('keeps an old version’s element that changed next to the new one in the shared binding, with a new revision', async () => {
    // Prepare
    const v1 = round({ key: V1, bindings: await bindingsOf(wait()) }, [], []);
    const v2Bindings = await bindingsOf(
      wait({ correlation: '=value.orderId' })
    );

    // Act
    const merged = round({ key: V2, bindings: v2Bindings }, asExisting(v1), [
      V1,
    ]);

    // Assess
    expect(summary(merged)).toEqual([
      {
        id: 'order--Wait',
        topic: 'payments',
        elements: [
          ['Wait', '=value.orderId', V2],
          ['Wait', '=value.id', V1],
        ],
        latest: true,
      },
    ]);
    expect(merged[0]?.binding.revision).not.toBe(v2Bindings[0]?.revision);
  });

  it('keeps a retained version on its binding when the new version moves the element to another topic; the new one gets the versioned id', async () => {
    // Prepare
    const v1 = round(
      { key: V1, bindings: await bindingsOf(start(), wait()) },
      [],
      []
    );
    const v2Bindings = await bindingsOf(
      start(),
      wait({ topic: 'payments-v2' })
    );

    // Act
    const merged = round({ key: V2, bindings: v2Bindings }, asExisting(v1), [
      V1,
    ]);

    // Assess
    const moved = v2Bindings.find(
      (binding) => binding.id === 'order--Wait'
    ) as Binding;
    const versionedId = versionedBindingId(
      'order--Wait',
      consumerIdentity(moved)
    );
    expect(versionedId).toMatch(/^order--Wait--v[0-9a-f]{10}$/);
    expect(summary(merged)).toEqual([
      {
        id: 'order--Start',
        topic: 'orders',
        elements: [['Start', undefined, V2]],
        latest: true,
      },
      {
        id: 'order--Wait',
        topic: 'payments',
        elements: [['Wait', '=value.id', V1]],
        latest: false,
      },
      {
        id: versionedId,
        topic: 'payments-v2',
        elements: [['Wait', '=value.id', V2]],
        latest: true,
      },
    ]);
    expect(merged[1]?.heldBy).toBe('order--Wait');
    // Start events of a retained version are not kept (Camunda: filterStartEvents).
    expect(
      merged.filter((item) => item.binding.kafka.topic === 'orders')
    ).toHaveLength(1);
  });

  it('leaves the new version on its versioned binding once the old version is retired (no new mapping)', async () => {
    // Prepare
    const v1 = round({ key: V1, bindings: await bindingsOf(wait()) }, [], []);
    const v2Bindings = await bindingsOf(wait({ topic: 'payments-v2' }));
    const v2 = round({ key: V2, bindings: v2Bindings }, asExisting(v1), [V1]);

    // Act
    const retired = round(
      { key: V2, bindings: v2Bindings },
      asExisting(v2),
      []
    );
    const v3 = round(
      { key: V3, bindings: await bindingsOf(wait({ topic: 'payments-v3' })) },
      asExisting(retired),
      []
    );

    // Assess
    const versioned = v2.find((item) => !item.heldBy)?.binding.id;
    expect(summary(retired)).toEqual([
      {
        id: versioned,
        topic: 'payments-v2',
        elements: [['Wait', '=value.id', V2]],
        latest: true,
      },
    ]);
    // A later version that changes the topic without anything retained takes
    // the natural id again: its old binding is replaced, as before versions.
    expect(summary(v3)).toEqual([
      {
        id: 'order--Wait',
        topic: 'payments-v3',
        elements: [['Wait', '=value.id', V3]],
        latest: true,
      },
    ]);
  });

  it('shares a binding between a renamed element and the retained one that reads the same topic in the same group', async () => {
    // Prepare
    const v1 = round({ key: V1, bindings: await bindingsOf(wait()) }, [], []);
    const v2Bindings = await bindingsOf(wait({ id: 'AwaitPayment' }));

    // Act
    const merged = round({ key: V2, bindings: v2Bindings }, asExisting(v1), [
      V1,
    ]);

    // Assess
    expect(summary(merged)).toEqual([
      {
        id: 'order--Wait',
        topic: 'payments',
        elements: [
          ['AwaitPayment', '=value.id', V2],
          ['Wait', '=value.id', V1],
        ],
        latest: true,
      },
    ]);
  });

  it('keeps the retained versions alone when the process has no latest version (deleted in Camunda)', async () => {
    // Prepare
    const v1 = round(
      { key: V1, bindings: await bindingsOf(start(), wait()) },
      [],
      []
    );

    // Act
    const merged = round(undefined, asExisting(v1), [V1]);

    // Assess
    expect(summary(merged)).toEqual([
      {
        id: 'order--Wait',
        topic: 'payments',
        elements: [['Wait', '=value.id', V1]],
        latest: false,
      },
    ]);
  });

  it('reads elements without version keys (records from before versions) as the legacy key', async () => {
    // Prepare
    const [binding] = await bindingsOf(wait());
    const legacy: ExistingBinding = {
      id: 'order--Wait',
      binding: binding as Binding,
    };

    // Act
    const parts = splitRetained([{ ...legacy, legacyKey: V1 }], new Set([V1]));
    const none = splitRetained([legacy], new Set([V1]));

    // Assess
    expect(parts).toEqual([{ key: V1, heldBy: 'order--Wait', binding }]);
    expect(none).toEqual([]);
  });

  it('keeps a versioned id within 128 characters', () => {
    // Act
    const id = versionedBindingId(`p--${'x'.repeat(125)}`, 'identity');

    // Assess
    expect(id).toHaveLength(128);
    expect(id).toMatch(/--v[0-9a-f]{10}$/);
  });
});
