import { EXIT_CODES_TEXT } from './constants.js';
import { formatUsage } from './formatUsage.js';
import type { CommandSpec } from './types.js';

/**
 * The `--help` text of a command: usage line, summary, options, details
 * and the exit codes.
 *
 * @param spec - the command
 */
const formatHelp = (spec: CommandSpec): string => {
  const flags = spec.options.map((option) =>
    option.type === 'boolean'
      ? `--${option.name}`
      : `--${option.name} ${option.value ?? '<value>'}`
  );
  const width = Math.max(12, ...flags.map((flag) => flag.length)) + 2;
  const lines = [
    formatUsage(spec),
    '',
    spec.summary,
    '',
    'Options:',
    ...spec.options.map(
      (option, index) =>
        `  ${(flags[index] ?? '').padEnd(width)}${option.description}`
    ),
    `  ${'--help'.padEnd(width)}show this help`,
  ];
  for (const paragraph of spec.details ?? []) lines.push('', paragraph);
  lines.push('', EXIT_CODES_TEXT);
  return lines.join('\n');
};

export { formatHelp };
