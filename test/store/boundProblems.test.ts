import { describe, expect, it } from 'vitest';
import { boundProblems, STORED_PROBLEM_LIMITS } from '../../lib/store/index.js';

describe('Function: boundProblems', () => {
  it('keeps a few short problems as they are', () => {
    // Prepare
    const problems = [
      { elementId: 'E1', property: 'topic.topicName', message: 'bad topic' },
      { message: 'no Kafka elements' },
    ];

    // Act
    const bounded = boundProblems(problems);

    // Assess
    expect(bounded).toEqual(problems);
  });

  it('keeps the first problems, cuts the middle of long texts and says how many were left out', () => {
    // Prepare
    const problems = Array.from({ length: 1_200 }, (_, i) => ({
      elementId: `E${i}${'x'.repeat(5_000)}`,
      property: 'topic.topicName',
      message: `"${'t'.repeat(2 * 1024 * 1024)}" is not a valid Kafka topic name`,
    }));

    // Act
    const bounded = boundProblems(problems);

    // Assess
    expect(bounded).toHaveLength(STORED_PROBLEM_LIMITS.maxProblems + 1);
    expect(bounded[0]?.message).toHaveLength(
      STORED_PROBLEM_LIMITS.maxMessageChars
    );
    expect(bounded[0]?.message).toMatch(
      /^"t+…t+" is not a valid Kafka topic name$/
    );
    expect(bounded[0]?.elementId).toHaveLength(
      STORED_PROBLEM_LIMITS.maxNameChars
    );
    expect(bounded.at(-1)?.message).toContain('… and 1150 more');
    expect(JSON.stringify(bounded).length).toBeLessThan(100_000);
  });
});
