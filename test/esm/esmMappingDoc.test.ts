import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatEsmPropertyTable } from '../../lib/esm/index.js';

describe('Function: formatEsmPropertyTable', () => {
  it('is the table docs/esm-mapping.md shows', () => {
    // Prepare
    const doc = readFileSync('docs/esm-mapping.md', 'utf8');

    // Act
    const table = formatEsmPropertyTable();

    // Assess
    expect(doc).toContain(table);
  });
});
