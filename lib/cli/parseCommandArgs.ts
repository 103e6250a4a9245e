import { type ParseArgsConfig, parseArgs } from 'node:util';
import { describeError } from '../common/index.js';
import { CliUsageError } from './errors.js';
import type { CommandSpec, ParsedArgs } from './types.js';

/** `--help` (or `-h`) anywhere on the command line. */
const wantsHelp = (args: readonly string[]): boolean =>
  args.includes('--help') || args.includes('-h');

/**
 * Reads a command's arguments with `node:util` `parseArgs` (strict: an
 * unknown option or a missing value is a usage error) and checks the
 * options the spec marks as required.
 *
 * @param spec - the command
 * @param args - the arguments after the command name
 * @throws CliUsageError
 */
const parseCommandArgs = (
  spec: CommandSpec,
  args: readonly string[]
): ParsedArgs => {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const option of spec.options) {
    options[option.name] =
      option.type === 'boolean'
        ? { type: 'boolean' }
        : { type: 'string', multiple: option.multiple === true };
  }
  let parsed: ParsedArgs;
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals: spec.positionals !== undefined,
      strict: true,
    });
    const texts = (name: string): string[] => {
      const value = values[name];
      const list = Array.isArray(value) ? value : [value];
      return list.filter(
        (item): item is string => typeof item === 'string' && item !== ''
      );
    };
    parsed = {
      values,
      positionals,
      args,
      text: (name) => texts(name).at(-1),
      texts,
      flag: (name) => values[name] === true,
    };
  } catch (error) {
    const message = describeError(error);
    // Node's wording ends with advice for programmers ("To specify a
    // positional argument starting with a '-', place it at the end of the
    // command after '--'"); the first sentence is what a user needs.
    throw new CliUsageError(
      message.split('. ')[0]?.replace(/\.$/, '') ?? message,
      {
        cause: error,
        showUsage: true,
      }
    );
  }
  const missing = spec.options.filter(
    (option) =>
      option.required === true && parsed.values[option.name] === undefined
  );
  if (missing.length > 0) {
    throw new CliUsageError(
      `${spec.name} needs ${missing.map((option) => `--${option.name} ${option.value ?? '<value>'}`).join(' and ')}`,
      { showUsage: true }
    );
  }
  return parsed;
};

export { parseCommandArgs, wantsHelp };
