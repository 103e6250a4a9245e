import { esmPropertyTable } from './constants.js';
import type { EsmPropertyRow } from './types.js';

const CLASS_LABEL = {
  mapped: 'mapped',
  irrelevant: 'not needed by the ESM',
  notHonoured: '**not honoured** (warning)',
} as const;

const cell = (text: string): string => text.replaceAll('|', '\\|');

/**
 * The property → ESM table as Markdown, for docs/esm-mapping.md (which a
 * test compares with this output).
 *
 * @param rows - the table rows
 */
const formatEsmPropertyTable = (
  rows: readonly EsmPropertyRow[] = esmPropertyTable
): string =>
  [
    '| Property | On the ESM | Becomes | Note |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => {
      const label =
        row.irrelevantWhenEquals === undefined
          ? CLASS_LABEL[row.class]
          : `not needed at \`${row.irrelevantWhenEquals}\`; other values **not honoured**`;
      return `| \`${cell(row.property)}\` | ${label} | ${cell(row.esmField ?? '—')} | ${cell(row.note)} |`;
    }),
    '| any other property | **not honoured** (warning) | — | The ESM has no equivalent setting. |',
  ].join('\n');

export { formatEsmPropertyTable };
