import { describe, expect, it } from 'vitest';
import type { Binding } from '../../lib/binding/types.js';
import { checkBindingCount } from '../../lib/provisioning/checkBindingCount.js';
import { checkSecretReferences } from '../../lib/provisioning/checkSecretReferences.js';
import { parseSecretReferencePolicy } from '../../lib/provisioning/parseSecretReferencePolicy.js';
import { bindingFactory } from '../helpers/factories.js';

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
