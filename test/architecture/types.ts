/** One module a source file depends on, or an I/O global it uses. */
interface Reference {
  /** 1-based line of the reference. */
  readonly line: number;
  /**
   * How it is written: `import`, `import type`, `export from`,
   * `export type from`, `import()`, `require()`, `typeof import()`, `global`
   * (or `import { type … }`, which `verbatimModuleSyntax` keeps at run time).
   */
  readonly kind: string;
  /** The specifier as written (`node:fs`, `../aws/index.js`), or the global. */
  readonly specifier: string;
  /**
   * The module it names: a repository-relative path for a relative specifier
   * (`lib/aws/index.js`), otherwise the specifier; `<computed>` for an
   * `import()` or `require()` whose argument is not a string literal.
   */
  readonly target: string;
  /** Erased by the compiler: nothing of it is loaded at run time. */
  readonly typeOnly: boolean;
}

/** A file to check, with its path relative to the repository root. */
interface SourceText {
  readonly path: string;
  readonly text: string;
}

/** One layering rule. */
interface LayerRule {
  readonly id: string;
  /** The rule and why it exists, in a sentence or two; printed on failure. */
  readonly text: string;
  /** Whether the rule governs the file at this repository-relative path. */
  readonly appliesTo: (path: string) => boolean;
  /** Whether the reference breaks the rule (in a file it applies to). */
  readonly forbids: (reference: Reference, path: string) => boolean;
}

/** A known violation tolerated for now; each names the issue that ends it. */
interface LayerException {
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
}

/** A reference of a file that breaks a rule. */
interface Violation {
  readonly path: string;
  readonly rule: LayerRule;
  readonly reference: Reference;
}

export type { LayerException, LayerRule, Reference, SourceText, Violation };
