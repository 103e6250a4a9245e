import { describe, expect, it } from 'vitest';
import {
  findClusterSecretReferences,
  findSecretReferences,
  replaceSecretReferences,
  scanSecretReferences,
} from '../../lib/binding/index.js';

describe('Function: findSecretReferences', () => {
  it.each([
    { text: '{{secrets.KAFKA_PASSWORD}}', names: ['KAFKA_PASSWORD'] },
    { text: '{{ secrets.KAFKA_PASSWORD }}', names: ['KAFKA_PASSWORD'] },
    { text: 'Bearer {{secrets.TOKEN}}', names: ['TOKEN'] },
    { text: 'secrets.TOKEN', names: ['TOKEN'] },
    { text: 'secrets.my-app/db.password', names: ['my-app/db.password'] },
    { text: '={"p": "{{secrets.A}}", "q": secrets.B}', names: ['A', 'B'] },
    { text: '{{secrets.A}} {{secrets.A}} secrets.A', names: ['A'] },
    { text: 'camunda.secrets.CLUSTER_ONLY', names: [] },
    { text: 'no secrets here', names: [] },
    { text: '', names: [] },
  ])('finds $names in $text', ({ text, names }) => {
    // Act
    const found = findSecretReferences(text);

    // Assess
    expect(found).toEqual(names);
  });

  it('tells the braces form from the legacy form, in order of appearance', () => {
    // Act
    const found = scanSecretReferences('x secrets.OLD y {{secrets.NEW}}');

    // Assess
    expect(found).toEqual([
      { name: 'OLD', text: 'secrets.OLD', form: 'legacy' },
      { name: 'NEW', text: '{{secrets.NEW}}', form: 'braces' },
    ]);
  });
});

describe('Function: replaceSecretReferences', () => {
  it('replaces each reference once and leaves the rest of the text', () => {
    // Act
    const out = replaceSecretReferences(
      'u={{secrets.U}} p=secrets.P c=camunda.secrets.C',
      (r, i) => `<${i}:${r.name}>`
    );

    // Assess
    expect(out).toBe('u=<0:U> p=<1:P> c=camunda.secrets.C');
  });
});

describe('Function: findClusterSecretReferences', () => {
  it('finds camunda.secrets names, which the model leaves alone', () => {
    // Act
    const found = findClusterSecretReferences('x camunda.secrets.DB_PASSWORD');

    // Assess
    expect(found).toEqual(['DB_PASSWORD']);
  });
});
