import type { Problem } from '../bpmn/types.js';
import { esmPropertyTable } from './constants.js';
import type {
  EsmPropertyClass,
  EsmPropertyRow,
  PropertyClassification,
} from './types.js';

/**
 * The table row for a Kafka property: an exact row, else the longest
 * `prefix.*` row that matches, else undefined.
 *
 * @param property - a Kafka client property name
 */
const findPropertyRow = (property: string): EsmPropertyRow | undefined => {
  const exact = esmPropertyTable.find((row) => row.property === property);
  if (exact !== undefined) {
    return exact;
  }
  return esmPropertyTable
    .filter(
      (row) =>
        row.property.endsWith('.*') &&
        property.startsWith(row.property.slice(0, -1))
    )
    .sort((a, b) => b.property.length - a.property.length)[0];
};

/**
 * Classifies every client property as mapped, irrelevant for the ESM, or not
 * honoured; each one not honoured becomes a warning that names it.
 *
 * @param properties - the binding's Kafka client properties
 */
const classifyClientProperties = (
  properties: Readonly<Record<string, string>>
): PropertyClassification => {
  const classes: Record<string, EsmPropertyClass> = {};
  const warnings: Problem[] = [];
  for (const [property, value] of Object.entries(properties)) {
    const row = findPropertyRow(property);
    if (row === undefined) {
      classes[property] = 'notHonoured';
      warnings.push({
        property,
        message: `Kafka property "${property}" is not honoured: the event source mapping has no equivalent setting.`,
      });
      continue;
    }
    const changedDefault =
      row.irrelevantWhenEquals !== undefined &&
      value.trim() !== row.irrelevantWhenEquals;
    const cls: EsmPropertyClass = changedDefault ? 'notHonoured' : row.class;
    classes[property] = cls;
    if (cls === 'notHonoured') {
      warnings.push({
        property,
        message: `Kafka property "${property}" is not honoured: ${row.note}`,
      });
    }
  }
  return { classes, warnings };
};

export { classifyClientProperties, findPropertyRow };
