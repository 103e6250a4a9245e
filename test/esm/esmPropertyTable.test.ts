import { describe, expect, it } from 'vitest';
import { esmPropertyTable, findPropertyRow } from '../../lib/esm/index.js';

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
