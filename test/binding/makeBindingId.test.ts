import { describe, expect, it } from 'vitest';
import { isValidAliasName, makeBindingId } from '../../lib/binding/index.js';

describe('Function: makeBindingId', () => {
  it.each([
    {
      processId: 'order-process',
      key: 'OrderPlaced',
      keyKind: 'elementId',
      id: 'order-process--OrderPlaced',
    },
    {
      processId: 'Process_1a2b',
      key: 'orders-dedup',
      keyKind: 'deduplicationId',
      id: 'Process_1a2b--orders-dedup',
    },
    { processId: '123', key: '456', keyKind: 'elementId', id: '123--456' },
  ] as const)(
    'returns the readable id $id',
    ({ processId, key, keyKind, id }) => {
      // Act
      const result = makeBindingId({ processId, key, keyKind });

      // Assess
      expect(result).toBe(id);
      expect(isValidAliasName(result)).toBe(true);
    }
  );

  it.each([
    { processId: 'order.process', key: 'Start' },
    { processId: 'bestellung-größe', key: 'Start' },
    { processId: 'a--b', key: 'c' },
    { processId: 'p', key: '-leading' },
    { processId: 'p'.repeat(100), key: 'e'.repeat(100) },
  ])(
    'returns a valid hashed id for $processId / $key',
    ({ processId, key }) => {
      // Act
      const id = makeBindingId({ processId, key, keyKind: 'elementId' });

      // Assess
      expect(isValidAliasName(id)).toBe(true);
      expect(id.length).toBeLessThanOrEqual(128);
      expect(id).toMatch(/---[0-9a-f]{10}$/);
    }
  );

  it('gives different ids to sources that sanitize alike', () => {
    // Act
    const ids = new Set(
      [
        { processId: 'a.b', key: 'c' },
        { processId: 'a_b', key: 'c' },
        { processId: 'a', key: 'b--c' },
        { processId: 'a--b', key: 'c' },
      ].map((s) => makeBindingId({ ...s, keyKind: 'elementId' }))
    );

    // Assess
    expect(ids.size).toBe(4);
  });

  it('returns the same id every time for the same source', () => {
    // Prepare
    const source = {
      processId: 'p'.repeat(200),
      key: 'x',
      keyKind: 'elementId',
    } as const;

    // Act
    const first = makeBindingId(source);
    const second = makeBindingId({ ...source });

    // Assess
    expect(first).toBe(second);
  });
});

describe('Function: isValidAliasName', () => {
  it.each([
    { id: 'abc', valid: true },
    { id: 'a_b-c', valid: true },
    { id: '123', valid: false },
    { id: '', valid: false },
    { id: 'a.b', valid: false },
    { id: 'a'.repeat(129), valid: false },
  ])('returns $valid for $id', ({ id, valid }) => {
    // Assess
    expect(isValidAliasName(id)).toBe(valid);
  });
});
