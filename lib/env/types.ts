import type { ENV_NAMES } from './constants.js';

/** The name of an environment variable of the platform (lib/env ENV_NAMES). */
type EnvName = (typeof ENV_NAMES)[number];

/** Environment variables as the handlers, the CLI and the local runtime see them. */
type Env = Readonly<Record<string, string | undefined>>;

/** Variables a function is given (infra/): only names of the table. */
type EnvVariables = Partial<Record<EnvName, string>>;

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
interface EnvReader<TName extends string = EnvName> {
  /** The first of `names` set to a non-blank value. */
  text(...names: TName[]): string | undefined;
  /** The value of `name`; an error when it is unset. */
  required(name: TName): string;
  /** A comma-separated list (blank entries dropped); empty when unset. */
  list(name: TName): string[];
  /** A whole number; `fallback` when unset. */
  integer(name: TName, fallback: number, options?: IntegerOptions): number;
  /** `true` or `false` in any case; `fallback` when unset. */
  boolean(name: TName, fallback: boolean): boolean;
  /** One of `choices`; the first one when unset. */
  choice<TChoice extends string>(
    name: TName,
    choices: readonly [TChoice, ...TChoice[]]
  ): TChoice;
}

export type {
  Env,
  EnvErrorFactory,
  EnvName,
  EnvReader,
  EnvVariables,
  IntegerOptions,
};
