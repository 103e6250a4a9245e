import { describe, expect, it } from 'vitest';
import {
  findReferencedSecrets,
  ProvisioningSecretMissingError,
  referencedSecretId,
  resolveSecretFields,
} from '../../lib/provisioning/index.js';

describe('Function: findReferencedSecrets', () => {
  it('finds references inside values and legacy whole-value references', () => {
    // Prepare
    const fields = {
      username: 'app-{{secrets.KAFKA_USER}}',
      password: 'secrets.KAFKA_PASSWORD',
      other: '{{ secrets.KAFKA_USER }}',
    };

    // Act
    const names = findReferencedSecrets(fields);

    // Assess
    expect(names).toEqual(['KAFKA_PASSWORD', 'KAFKA_USER']);
  });
});

describe('Function: resolveSecretFields', () => {
  it('replaces each reference with the secret value and keeps literals', () => {
    // Prepare
    const values = new Map([
      ['KAFKA_USER', 'alice'],
      ['KAFKA_PASSWORD', 's3cr3t'],
    ]);

    // Act
    const resolved = resolveSecretFields(
      {
        username: 'app-{{secrets.KAFKA_USER}}',
        password: 'secrets.KAFKA_PASSWORD',
        certificate: 'literal',
      },
      values
    );

    // Assess
    expect(resolved).toEqual({
      username: 'app-alice',
      password: 's3cr3t',
      certificate: 'literal',
    });
  });

  it('throws naming the missing secret, never a value', () => {
    // Act & Assess
    expect(() =>
      resolveSecretFields({ password: '{{secrets.NOPE}}' }, new Map())
    ).toThrow(new ProvisioningSecretMissingError('NOPE'));
  });
});

describe('Function: referencedSecretId', () => {
  it.each([
    { prefix: 'kafka-inbound/', id: 'kafka-inbound/secrets/PW' },
    { prefix: 'kafka-inbound', id: 'kafka-inbound/secrets/PW' },
    { prefix: '', id: 'secrets/PW' },
  ])('names the secret $id for prefix "$prefix"', ({ prefix, id }) => {
    // Act & Assess
    expect(referencedSecretId(prefix, 'PW')).toBe(id);
  });
});
