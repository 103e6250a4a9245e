import { describe, expect, it } from 'vitest';
import { toNestedConfig } from '../../lib/binding/index.js';

describe('Function: toNestedConfig', () => {
  it('turns dotted names into nested objects', () => {
    // Act
    const result = toNestedConfig({
      'topic.topicName': 'orders',
      'topic.bootstrapServers': 'localhost:9092',
      'schemaStrategy.type': 'noSchema',
      groupId: 'g',
    });

    // Assess
    expect(result).toEqual({
      config: {
        groupId: 'g',
        schemaStrategy: { type: 'noSchema' },
        topic: { bootstrapServers: 'localhost:9092', topicName: 'orders' },
      },
      conflicts: [],
    });
  });

  it('skips clashing and unsafe names', () => {
    // Act
    const result = toNestedConfig({
      a: 'x',
      'a.b': 'y',
      '__proto__.polluted': 'z',
      'c..d': 'w',
    });

    // Assess
    expect(result.config).toEqual({ a: 'x' });
    expect(result.conflicts.sort()).toEqual([
      '__proto__.polluted',
      'a.b',
      'c..d',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
