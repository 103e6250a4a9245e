import type { CliIo } from './io.js';

/** One option of a command, as `--help` and the parser know it. */
interface CommandOption {
  /** Long name, without `--`. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** What the value is, for the usage line (`<file>`); string options only. */
  readonly value?: string;
  /** May be given several times (string options only). */
  readonly multiple?: boolean;
  /** Shown without brackets in the usage line. */
  readonly required?: boolean;
  /** One line for `--help`. */
  readonly description: string;
}

/** What a command's arguments were read into. */
interface ParsedArgs {
  readonly values: Readonly<
    Record<string, string | boolean | readonly (string | boolean)[] | undefined>
  >;
  /** A string option's value; undefined when absent or empty. */
  readonly text: (name: string) => string | undefined;
  /** Every value of a repeatable string option. */
  readonly texts: (name: string) => readonly string[];
  /** Whether a boolean option was given. */
  readonly flag: (name: string) => boolean;
  readonly positionals: readonly string[];
  /** The arguments as given (after the command name). */
  readonly args: readonly string[];
}

/** Everything `main` and `--help` know about one command. */
interface CommandSpec {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  readonly options: readonly CommandOption[];
  /** Positional arguments for the usage line, e.g. `<file.bpmn>...`. */
  readonly positionals?: string;
  /** Paragraphs for `--help` after the options (what it reads, examples). */
  readonly details?: readonly string[];
  readonly run: (args: ParsedArgs, io: CliIo) => Promise<number>;
}

export type { CommandOption, CommandSpec, ParsedArgs };
