import type { CommandOption, CommandSpec } from './types.js';

const optionText = (option: CommandOption): string => {
  const flag =
    option.type === 'boolean'
      ? `--${option.name}`
      : `--${option.name} ${option.value ?? '<value>'}`;
  const repeated = option.multiple === true ? `${flag}...` : flag;
  return option.required === true ? repeated : `[${repeated}]`;
};

/**
 * The usage line of a command: every option it takes (required ones
 * without brackets), then its positional arguments.
 *
 * @param spec - the command
 */
const formatUsage = (spec: CommandSpec): string =>
  [
    'usage: kafka-inbound',
    spec.name,
    ...spec.options.map(optionText),
    '[--help]',
    ...(spec.positionals === undefined ? [] : [spec.positionals]),
  ].join(' ');

export { formatUsage };
