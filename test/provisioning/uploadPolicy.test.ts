import { describe, expect, it } from 'vitest';
import type { Binding } from '../../lib/binding/types.js';
import { checkBindingCount } from '../../lib/provisioning/checkBindingCount.js';
import { checkSecretReferences } from '../../lib/provisioning/checkSecretReferences.js';
import { provisionEvent } from '../../lib/provisioning/index.js';
import { parseSecretReferencePolicy } from '../../lib/provisioning/parseSecretReferencePolicy.js';
import { bpmnXml } from '../support/bpmn.js';
import { bindingFactory } from '../support/factories/index.js';
import { createMemoryWorld } from './helpers/memoryPorts.js';

const withSecrets = (
  processId: string,
  password: string,
  clientProperties: Record<string, string> = {}
): Binding => {
  const binding = bindingFactory();
  return {
    ...binding,
    processId,
    secrets: [
      ...new Set(
        [password, ...Object.values(clientProperties)].flatMap((value) =>
          [...value.matchAll(/\{\{secrets\.([^}]+)\}\}/g)].map(
            (m) => m[1] ?? ''
          )
        )
      ),
    ],
    kafka: {
      ...binding.kafka,
      clientProperties,
      authentication: {
        securityProtocol: 'SASL_SSL',
        saslMechanism: 'PLAIN',
        username: 'app',
        password,
      },
    },
  };
};

describe('Function: parseSecretReferencePolicy', () => {
  it('reads rules by process and by path', () => {
    // Act
    const parsed = parseSecretReferencePolicy(
      JSON.stringify([
        { processes: ['order', 'pay-*'], secrets: ['orders/'] },
        {
          path: 'processes/payments/',
          secrets: ['payments/', 'shared/KAFKA_'],
        },
      ])
    );

    // Assess
    expect(parsed).toEqual({
      ok: true,
      value: [
        { processes: ['order', 'pay-*'], secrets: ['orders/'] },
        {
          path: 'processes/payments/',
          secrets: ['payments/', 'shared/KAFKA_'],
        },
      ],
    });
  });

  it.each([
    { text: 'orders/', message: 'is not JSON' },
    { text: '{}', message: 'must be a JSON array of rules' },
    {
      text: '[{"process":["a"],"secrets":[]}]',
      message: 'unknown keys process',
    },
    { text: '[{"processes":["a"]}]', message: 'secrets must be a list' },
    {
      text: '[{"processes":"a","secrets":[]}]',
      message: 'processes must be a list',
    },
    { text: '[{"path":1,"secrets":[]}]', message: 'path must be a text' },
  ])('refuses $text: $message', ({ text, message }) => {
    // Act
    const parsed = parseSecretReferencePolicy(text);

    // Assess
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });
});

describe('Function: checkSecretReferences', () => {
  const rules = [
    { processes: ['order'], secrets: ['orders/'] },
    { path: 'processes/shared/', secrets: [''] },
  ];

  it('allows every name without a policy', () => {
    // Act
    const problems = checkSecretReferences(
      [withSecrets('order', '{{secrets.PAYMENTS_DB_PASSWORD}}')],
      'processes/order.bpmn',
      undefined
    );

    // Assess
    expect(problems).toEqual([]);
  });

  it('allows names under a prefix of a rule for the process', () => {
    // Act
    const problems = checkSecretReferences(
      [withSecrets('order', '{{secrets.orders/kafka}}')],
      'processes/order.bpmn',
      rules
    );

    // Assess
    expect(problems).toEqual([]);
  });

  it('refuses a shared secret the process may not reference, naming element, property and what is allowed', () => {
    // Act
    const problems = checkSecretReferences(
      [withSecrets('order', '{{secrets.PAYMENTS_DB_PASSWORD}}')],
      'processes/order.bpmn',
      rules
    );

    // Assess
    expect(problems).toEqual([
      {
        elementId: 'StartEvent_1',
        property: 'authentication.password',
        message:
          '{{secrets.PAYMENTS_DB_PASSWORD}} (in authentication.password) is not allowed by the upload policy: process order in processes/order.bpmn may reference only names starting with "orders/" (SECRET_REFERENCE_POLICY)',
      },
    ]);
  });

  it('refuses every name for a process no rule covers, also in additional properties', () => {
    // Act
    const problems = checkSecretReferences(
      [
        withSecrets('invoice', '{{secrets.invoice/pw}}', {
          'ssl.truststore.password': '{{secrets.TRUST}}',
        }),
      ],
      'processes/invoice.bpmn',
      rules
    );

    // Assess
    expect(problems.map((p) => [p.property, p.message.slice(0, 40)])).toEqual([
      ['authentication.password', '{{secrets.invoice/pw}} (in authenticatio'],
      ['additionalProperties', '{{secrets.TRUST}} (in Kafka property ssl'],
    ]);
    expect(problems[0]?.message).toContain('may reference no secret names');
  });

  it('applies path rules to the file’s S3 key', () => {
    // Act
    const problems = checkSecretReferences(
      [withSecrets('invoice', '{{secrets.anything}}')],
      'processes/shared/invoice.bpmn',
      rules
    );

    // Assess
    expect(problems).toEqual([]);
  });
});

describe('Function: checkBindingCount', () => {
  const policy = { maxBindingsPerFile: 20, maxBindingsPerPlatform: 200 };

  it('accepts a file within both caps', () => {
    // Act
    const problems = checkBindingCount({ inFile: 20, elsewhere: 180 }, policy);

    // Assess
    expect(problems).toEqual([]);
  });

  it('refuses 800 bindings in one file', () => {
    // Act
    const problems = checkBindingCount({ inFile: 800 }, policy);

    // Assess
    expect(problems).toEqual([
      {
        message:
          'The file defines 800 Kafka bindings; the upload policy allows at most 20 per file (MAX_BINDINGS_PER_FILE). Each binding is an alias and an event source mapping.',
      },
    ]);
  });

  it('refuses a file that would take the platform over its cap', () => {
    // Act
    const problems = checkBindingCount({ inFile: 5, elsewhere: 198 }, policy);

    // Assess
    expect(problems[0]?.message).toContain(
      'the platform would hold 203, over the upload policy’s 200'.replace(
        '’',
        "'"
      )
    );
  });
});

describe('Function: provisionEvent, the upload policy (in memory)', () => {
  const file = (
    processId: string,
    elements: number,
    password?: string
  ): string =>
    bpmnXml({
      id: processId,
      elements: Array.from({ length: elements }, (_, i) => ({
        id: `E${i}`,
        topic: `topic-${i}`,
        groupId: `${processId}-group-${i}`,
        ...(password === undefined ? {} : { username: 'app', password }),
      })),
    });

  const setup = (env: Record<string, string> = {}) => {
    const world = createMemoryWorld(env);
    world.secrets.referenced.set('orders/kafka', 'orders-pw');
    world.secrets.referenced.set('PAYMENTS_DB_PASSWORD', 'payments-pw');
    const upload = async (name: string, xml: string) => {
      world.files.put(name, xml);
      const result = await provisionEvent(
        world.event('created', name),
        world.deps()
      );
      return result.outcomes[0]?.outcome;
    };
    const remove = async (name: string) => {
      world.files.remove(name);
      const result = await provisionEvent(
        world.event('removed', name),
        world.deps()
      );
      return result.outcomes[0]?.outcome;
    };
    const problems = (key: string) =>
      JSON.stringify(
        [...world.table.items().entries()].filter(([pk]) => pk.endsWith(key))
      );
    return { world, upload, remove, problems };
  };

  describe('one owner per process id', () => {
    it('refuses a second file that claims a process of another, existing file, without deploying it', async () => {
      // Prepare
      const { world, upload, problems } = setup();
      await upload('order.bpmn', file('order', 1));
      const before = [...world.mappings.esms.keys()];

      // Act
      const outcome = await upload('takeover.bpmn', file('order', 2));

      // Assess
      expect(outcome).toEqual({ kind: 'rejected', processIds: [] });
      expect(world.camunda.deployments.map((d) => d.name)).toEqual([
        'order.bpmn',
      ]);
      expect([...world.mappings.esms.keys()]).toEqual(before);
      expect(problems('SOURCE#processes/takeover.bpmn')).toContain(
        'Process order is provisioned from processes/order.bpmn; a second file cannot take it over'
      );
    });

    it('lets a new version of the same file change the process', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload('order.bpmn', file('order', 1));

      // Act
      const outcome = await upload('order.bpmn', file('order', 2));

      // Assess
      expect(outcome).toEqual({ kind: 'applied', processIds: ['order'] });
      expect(world.mappings.esms.size).toBe(2);
    });

    it('lets a file replace one that was deleted', async () => {
      // Prepare
      const { world, upload } = setup();
      await upload('order.bpmn', file('order', 1));
      await upload('takeover.bpmn', file('order', 2));
      world.files.remove('order.bpmn');

      // Act: the old file is gone (its removal event may still be on its way).
      const outcome = await upload('takeover.bpmn', `${file('order', 2)}\n`);

      // Assess
      expect(outcome).toEqual({ kind: 'applied', processIds: ['order'] });
      expect(world.mappings.esms.size).toBe(2);
    });
  });

  describe('binding caps', () => {
    it('refuses a file with more bindings than MAX_BINDINGS_PER_FILE and creates nothing', async () => {
      // Prepare
      const { world, upload, problems } = setup({ MAX_BINDINGS_PER_FILE: '3' });

      // Act
      const outcome = await upload('many.bpmn', file('many', 4));

      // Assess
      expect(outcome?.kind).toBe('rejected');
      expect(world.mappings.aliases.size).toBe(0);
      expect(world.mappings.esms.size).toBe(0);
      expect(problems('PROCESS#many')).toContain(
        'The file defines 4 Kafka bindings; the upload policy allows at most 3 per file'
      );
    });

    it('refuses a file that would take the platform over MAX_BINDINGS_PER_PLATFORM, counting what other files hold', async () => {
      // Prepare
      const { world, upload, problems } = setup({
        MAX_BINDINGS_PER_PLATFORM: '5',
      });
      expect((await upload('a.bpmn', file('a', 3)))?.kind).toBe('applied');

      // Act
      const refused = await upload('b.bpmn', file('b', 3));
      const fits = await upload('c.bpmn', file('c', 2));
      const sameFileAgain = await upload('a.bpmn', `${file('a', 3)}\n`);

      // Assess: a file's own bindings never count twice.
      expect(refused?.kind).toBe('rejected');
      expect(problems('PROCESS#b')).toContain(
        'Other files hold 3 Kafka bindings; with this file'
      );
      expect(fits?.kind).toBe('applied');
      expect(sameFileAgain?.kind).toBe('applied');
      expect(world.mappings.esms.size).toBe(5);
    });
  });

  describe('secret references', () => {
    const POLICY = JSON.stringify([
      { processes: ['order'], secrets: ['orders/'] },
    ]);

    it('refuses a shared secret the process may not reference, and never reads it', async () => {
      // Prepare
      const { world, upload, problems } = setup({
        SECRET_REFERENCE_POLICY: POLICY,
      });
      const read: string[][] = [];
      const readReferenced = world.secrets.readReferenced;
      world.secrets.readReferenced = async (names) => {
        read.push([...names]);
        return readReferenced(names);
      };

      // Act
      const outcome = await upload(
        'order.bpmn',
        file('order', 1, '{{secrets.PAYMENTS_DB_PASSWORD}}')
      );

      // Assess
      expect(outcome?.kind).toBe('rejected');
      expect(read.flat()).not.toContain('PAYMENTS_DB_PASSWORD');
      expect(world.secrets.owned.size).toBe(0);
      expect(problems('PROCESS#order')).toContain(
        'is not allowed by the upload policy: process order in processes/order.bpmn may reference only names starting with \\"orders/\\"'
      );
    });

    it('applies a file whose references the policy allows', async () => {
      // Prepare
      const { world, upload } = setup({ SECRET_REFERENCE_POLICY: POLICY });

      // Act
      const outcome = await upload(
        'order.bpmn',
        file('order', 1, '{{secrets.orders/kafka}}')
      );

      // Assess
      expect(outcome?.kind).toBe('applied');
      expect([...world.secrets.owned.values()][0]?.text).toContain('orders-pw');
    });

    it('refuses a provisioner started with a policy that is not valid JSON rules', () => {
      // Act
      const started = () =>
        createMemoryWorld({ SECRET_REFERENCE_POLICY: '[{"secret":["x/"]}]' });

      // Assess
      expect(started).toThrow(
        /SECRET_REFERENCE_POLICY: rule 1 has unknown keys secret/
      );
    });
  });
});
