import { describe, expect, it } from 'vitest';
import {
  loadBindingModel,
  scanSecretReferences,
} from '../../lib/binding/index.js';
import { buildEsmPlan } from '../../lib/esm/index.js';
import { deployBinding } from '../../lib/platform/index.js';
import {
  findReferencedSecrets,
  provisionEvent,
  readProvisionerConfig,
  resolveSecretFields,
} from '../../lib/provisioning/index.js';
import { bpmnXml } from '../support/bpmn.js';
import { createMemoryWorld } from './helpers/memoryPorts.js';

const CONFIG = readProvisionerConfig({
  BINDING_TABLE_NAME: 'bindings',
  CONSUMER_FUNCTION_NAME:
    'arn:aws:lambda:eu-west-1:123456789012:function:kafka-inbound-consumer',
  PROCESSES_BUCKET: 'processes-bucket',
});

const withPassword = (password: string) =>
  bpmnXml({
    id: 'order',
    elements: [{ id: 'Start', topic: 'orders', username: 'app', password }],
  });

// The grammar is camunda/connectors SecretUtil's (braces first, then the
// bare legacy form; `camunda.secrets.` is left for the cluster), as
// test/binding/findSecretReferences.test.ts pins for the model.
const CASES = [
  {
    value: '{{secrets.KAFKA_PASSWORD}}',
    names: ['KAFKA_PASSWORD'],
    resolved: '<KAFKA_PASSWORD>',
  },
  { value: '{{ secrets.team/db }}', names: ['team/db'], resolved: '<team/db>' },
  {
    value: 'pre-{{secrets.A}}-{{secrets.B.c}}',
    names: ['A', 'B.c'],
    resolved: 'pre-<A>-<B.c>',
  },
  { value: 'secrets.LEGACY_PW', names: ['LEGACY_PW'], resolved: '<LEGACY_PW>' },
  {
    value: 'x secrets.my-app/db.password y',
    names: ['my-app/db.password'],
    resolved: 'x <my-app/db.password> y',
  },
  {
    value: 'camunda.secrets.CLUSTER_ONLY',
    names: [],
    resolved: 'camunda.secrets.CLUSTER_ONLY',
  },
  { value: 'a literal', names: [], resolved: 'a literal' },
] as const;

describe('Secret references: the model and the provisioner agree', () => {
  it.each(CASES)(
    'records and resolves $names in "$value"',
    async ({ value, names, resolved }) => {
      // Prepare
      const model = await loadBindingModel(withPassword(value));
      const [binding] = model.bindings;
      if (binding === undefined) throw new Error(JSON.stringify(model.errors));
      const plan = buildEsmPlan(
        deployBinding(binding, CONFIG.defaults),
        CONFIG.platform
      );
      const fields = plan.secrets[0]?.fields ?? {};
      const values = new Map(names.map((name) => [name, `<${name}>`]));

      // Act
      const looked = findReferencedSecrets(fields);
      const fieldsResolved = resolveSecretFields(fields, values);

      // Assess
      expect(binding.secrets).toEqual([...names].sort());
      expect(looked).toEqual(binding.secrets);
      expect(fieldsResolved.password).toBe(resolved);
      expect(scanSecretReferences(fieldsResolved.password ?? '')).toEqual([]);
    }
  );

  it('provisions a reference to a secret in a folder ({{secrets.team/db}}) from <prefix>secrets/team/db', async () => {
    // Prepare
    const world = createMemoryWorld();
    world.secrets.referenced.set('team/db', 'db-password');
    world.files.put('order.bpmn', withPassword('{{secrets.team/db}}'));

    // Act
    const result = await provisionEvent(
      world.event('created', 'order.bpmn'),
      world.deps()
    );

    // Assess
    expect(result.outcomes[0]?.outcome.kind).toBe('applied');
    const [secret] = world.secrets.owned.values();
    expect(JSON.parse(secret?.text ?? '{}')).toEqual({
      username: 'app',
      password: 'db-password',
    });
  });

  it.each([
    {
      value: '{{secrets.team/other}}',
      message:
        'does not exist: create the Secrets Manager secret kafka-inbound/secrets/team/other',
    },
    {
      value: '{{secrets.db#1}}',
      message:
        'Secret reference "db#1" (used by order--Start) cannot name a Secrets Manager secret',
    },
  ])(
    'rejects $value at validation, naming what to do',
    async ({ value, message }) => {
      // Prepare
      const world = createMemoryWorld();
      world.files.put('order.bpmn', withPassword(value));

      // Act
      const result = await provisionEvent(
        world.event('created', 'order.bpmn'),
        world.deps()
      );

      // Assess
      expect(result.outcomes[0]?.outcome.kind).toBe('rejected');
      expect(world.table.items().get('PROCESS#order')).toMatchObject({
        errors: [{ message: expect.stringContaining(message) }],
      });
      expect(world.mappings.esms.size).toBe(0);
    }
  );
});
