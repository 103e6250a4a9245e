/** Environment variables as the handlers, the CLI and the local runtime see them. */
type Env = Readonly<Record<string, string | undefined>>;

/** Builds the error for a variable with an unusable value (the module's own class). */
type EnvErrorFactory = (variable: string, problem: string) => Error;

/** Options of an integer variable. */
interface IntegerOptions {
  /** Smallest value accepted. */
  readonly minimum?: number;
  /** What the error says the value must be (`a positive whole number`). */
  readonly what?: string;
}

/**
 * Typed reads of environment variables. Values are trimmed; a blank value
 * counts as unset; a bad value throws the reader's error naming the
 * variable, never quoting more than the value.
 */
interface EnvReader {
  /** The first of `names` set to a non-blank value. */
  text(...names: string[]): string | undefined;
  /** The value of `name`; an error when it is unset. */
  required(name: string): string;
  /** A comma-separated list (blank entries dropped); empty when unset. */
  list(name: string): string[];
  /** A whole number; `fallback` when unset. */
  integer(name: string, fallback: number, options?: IntegerOptions): number;
  /** `true` or `false` in any case; `fallback` when unset. */
  boolean(name: string, fallback: boolean): boolean;
  /** One of `choices`; the first one when unset. */
  choice<TChoice extends string>(
    name: string,
    choices: readonly [TChoice, ...TChoice[]]
  ): TChoice;
}

export type { Env, EnvErrorFactory, EnvReader, IntegerOptions };
