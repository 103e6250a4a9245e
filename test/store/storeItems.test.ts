import { describe, expect, it } from 'vitest';
import {
  bindingKey,
  fromBindingItem,
  fromSourceItem,
  fromStatusItem,
  processKey,
  STORED_PROBLEM_LIMITS,
  sourceKey,
  toBindingItem,
  toSourceAttributes,
  toStatusAttributes,
} from '../../lib/store/index.js';
import { desiredBinding, recordFor } from '../support/factories/index.js';

describe('Binding store keys', () => {
  it('lays out the binding, status and source items as the consumer, the provisioner and StaticKafkaProcess expect', () => {
    // Act & Assess
    expect(bindingKey('order--Start')).toEqual({
      pk: 'BINDING#order--Start',
      sk: 'BINDING',
    });
    expect(processKey('order')).toEqual({ pk: 'PROCESS#order', sk: 'STATUS' });
    expect(sourceKey('processes/a b.bpmn')).toEqual({
      pk: 'SOURCE#processes/a b.bpmn',
      sk: 'SOURCE',
    });
  });
});

describe('Function: toBindingItem', () => {
  it('keys the item and masks literal credentials, keeping secret references', () => {
    // Prepare
    const desired = desiredBinding();
    const binding = desired.deployed.binding;
    const record = recordFor({
      ...desired,
      deployed: {
        ...desired.deployed,
        binding: {
          ...binding,
          kafka: {
            ...binding.kafka,
            authentication: {
              securityProtocol: 'SASL_SSL',
              saslMechanism: 'PLAIN',
              username: '{{secrets.USER}}',
              password: 'literal-value',
            },
          },
        },
      },
    });

    // Act
    const item = toBindingItem(record);

    // Assess
    expect(item).toMatchObject({
      pk: 'BINDING#order-start',
      sk: 'BINDING',
      bindingId: 'order-start',
      deployed: {
        binding: {
          kafka: {
            authentication: {
              username: '{{secrets.USER}}',
              password: '***',
            },
          },
        },
      },
    });
    expect(JSON.stringify(item)).not.toContain('literal-value');
    expect(fromBindingItem({ ...item, lockOwner: 'x' })).toEqual({
      ...record,
      deployed: item.deployed,
    });
  });
});

describe('Function: toStatusAttributes', () => {
  it('bounds the problems and lists every optional attribute the status leaves out, to remove it', () => {
    // Prepare
    const errors = Array.from({ length: 80 }, (_, i) => ({
      message: `problem ${i}`,
    }));

    // Act
    const attributes = toStatusAttributes({
      processId: 'order',
      sourceKey: 'processes/order.bpmn',
      sourceVersion: 'v2',
      state: 'errors',
      warnings: [],
      errors,
      bindings: [],
      deploymentKey: 'd1',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });

    // Assess
    expect(attributes).toHaveProperty('sequencer', undefined);
    expect(attributes).toHaveProperty('processDefinitionKey', undefined);
    expect(attributes).toHaveProperty('appliedVersion', undefined);
    expect(attributes.deploymentKey).toBe('d1');
    expect(attributes.errors).toHaveLength(
      STORED_PROBLEM_LIMITS.maxProblems + 1
    );
  });

  it('reads a status item back without key and lock attributes', () => {
    // Act
    const status = fromStatusItem({
      ...processKey('order'),
      lockOwner: 'request-1',
      lockExpiresAt: 1,
      processId: 'order',
      sourceKey: 'processes/order.bpmn',
      sourceVersion: 'v1',
      state: 'ok',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });

    // Assess
    expect(status).toEqual({
      processId: 'order',
      sourceKey: 'processes/order.bpmn',
      sourceVersion: 'v1',
      state: 'ok',
      warnings: [],
      errors: [],
      bindings: [],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('Function: toSourceAttributes', () => {
  it('removes the errors of a file that is readable again, and reads the item back', () => {
    // Act
    const attributes = toSourceAttributes({
      sourceKey: 'processes/order.bpmn',
      processIds: ['order'],
      lastOutcome: 'applied',
    });

    // Assess
    expect(attributes).toHaveProperty('errors', undefined);
    expect(attributes).toHaveProperty('lastSequencer', undefined);
    expect(
      fromSourceItem({ ...sourceKey('processes/x.bpmn'), sourceKey: 'x' })
    ).toEqual({ sourceKey: 'x', processIds: [] });
  });
});
