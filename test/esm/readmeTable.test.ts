import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatEsmPropertyTable } from '../../lib/esm/index.js';

describe('Function: formatEsmPropertyTable', () => {
  it('is the table the README shows', () => {
    // Prepare
    const readme = readFileSync('README.md', 'utf8');

    // Act
    const table = formatEsmPropertyTable();

    // Assess
    expect(readme).toContain(table);
  });
});
