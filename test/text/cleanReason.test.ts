import { describe, expect, it } from 'vitest';
import { cleanReason, MAX_REASON_CHARS } from '../../lib/text/index.js';

describe('Function: cleanReason', () => {
  it('turns control characters, ESC sequences and bidi controls into single spaces', () => {
    // Act
    const reason = cleanReason('bad\r\n\x1b[31mtoken\u202e \t end\n');

    // Assess
    expect(reason).toBe('bad [31mtoken end');
  });

  it(`cuts a long text to ${MAX_REASON_CHARS} characters with an ellipsis`, () => {
    // Act
    const reason = cleanReason('x'.repeat(5_000_000));

    // Assess
    expect(reason).toBe(`${'x'.repeat(MAX_REASON_CHARS)}…`);
  });

  it('never keeps half of a surrogate pair where it cuts', () => {
    // Act
    const reason = cleanReason(`${'a'.repeat(9)}🚀🚀`, 10);

    // Assess
    expect(reason).toBe(`${'a'.repeat(9)}…`);
  });
});
