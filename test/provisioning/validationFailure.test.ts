// Issue 16.3: a file whose validation throws (a stack overflow at some
// nesting depth) was retried by S3 while the provisioner (one invocation at
// a time) kept every other upload waiting. Validation reads nothing but the
// file, so what it throws is the file's problem: the file is rejected.
import { describe, expect, it, vi } from 'vitest';
import { provisionEvent } from '../../lib/provisioning/index.js';
import { bpmnXml } from '../support/bpmn.js';
import { createMemoryWorld } from './helpers/memoryPorts.js';

const CRASH = 'crashes-validation';

vi.mock('../../lib/binding/index.js', async (importOriginal) => {
  const real =
    await importOriginal<typeof import('../../lib/binding/index.js')>();
  return {
    ...real,
    // A stand-in for an input the limits did not foresee: the real
    // loadBindingModel for every other file.
    loadBindingModel: (
      ...args: Parameters<typeof real.loadBindingModel>
    ): ReturnType<typeof real.loadBindingModel> =>
      args[0].includes(CRASH)
        ? Promise.reject(new RangeError('Maximum call stack size exceeded'))
        : real.loadBindingModel(...args),
  };
});

const file = (processId: string, topic: string) =>
  bpmnXml({
    id: processId,
    elements: [{ id: 'E', topic, groupId: `${processId}-group` }],
  });

describe('Function: provisionEvent, a file whose validation throws', () => {
  it('rejects the file with the reason, keeps what is deployed, and goes on with the next upload', async () => {
    // Prepare
    const world = createMemoryWorld();
    const upload = (name: string, xml: string) => {
      world.files.put(name, xml);
      return provisionEvent(world.event('created', name), world.deps());
    };
    await upload('order.bpmn', file('order', 'orders'));
    const esms = [...world.mappings.esms.keys()];

    // Act
    const crashed = await upload('order.bpmn', file('order', CRASH));
    const next = await upload('payment.bpmn', file('payment', 'payments'));

    // Assess
    expect(crashed.outcomes).toEqual([
      {
        key: 'processes/order.bpmn',
        outcome: { kind: 'rejected', processIds: ['order'] },
      },
    ]);
    expect(JSON.stringify([...world.table.items().values()])).toContain(
      'The file could not be validated (RangeError: Maximum call stack size exceeded); nothing is provisioned from it.'
    );
    expect([...world.mappings.esms.keys()].slice(0, 1)).toEqual(esms);
    expect(world.camunda.deployments.map((d) => d.name)).toEqual([
      'order.bpmn',
      'payment.bpmn',
    ]);
    expect(next.outcomes[0]?.outcome).toEqual({
      kind: 'applied',
      processIds: ['payment'],
    });
  });
});
