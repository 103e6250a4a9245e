import { describe, expect, it } from 'vitest';
import {
  esmPropertyTable,
  findPropertyRow,
  formatEsmPropertyTable,
} from '../../lib/esm/index.js';

describe('Constant: esmPropertyTable', () => {
  it('has one row per property, each with a note, mapped rows with a field', () => {
    // Act
    const properties = esmPropertyTable.map((row) => row.property);

    // Assess
    expect(new Set(properties).size).toBe(properties.length);
    for (const row of esmPropertyTable) {
      expect(row.note.length).toBeGreaterThan(0);
      expect(row.class === 'mapped').toBe(row.esmField !== undefined);
    }
  });

  it.each([
    { property: 'ssl.keystore.location', row: 'ssl.keystore.location' },
    { property: 'ssl.protocol', row: 'ssl.*' },
    { property: 'sasl.login.refresh.buffer.seconds', row: 'sasl.*' },
    { property: 'unknown.key', row: undefined },
  ])('finds row $row for $property', ({ property, row }) => {
    // Act
    const found = findPropertyRow(property);

    // Assess
    expect(found?.property).toBe(row);
  });
});

describe('Function: formatEsmPropertyTable', () => {
  it('renders one Markdown row per table row plus the catch-all', () => {
    // Act
    const markdown = formatEsmPropertyTable();

    // Assess
    const lines = markdown.split('\n');
    expect(lines).toHaveLength(esmPropertyTable.length + 3);
    expect(lines[0]).toBe('| Property | On the ESM | Becomes | Note |');
    expect(markdown).toContain('| `client.id` | **not honoured** (warning) |');
    expect(markdown).toContain('not needed at `45000`');
  });
});
