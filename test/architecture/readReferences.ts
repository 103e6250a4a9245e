import { posix } from 'node:path';
import ts from 'typescript';
import type { Reference } from './types.js';

/** Globals that reach the network, checked like imports. */
const IO_GLOBALS = new Set(['fetch', 'WebSocket']);

/** Names under which the global object is reachable. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'self', 'window']);

const COMPUTED = '<computed>';

/** The module a specifier names: a repository path when it is relative. */
const targetOf = (path: string, specifier: string): string =>
  specifier.startsWith('.')
    ? posix.normalize(posix.join(posix.dirname(path), specifier))
    : specifier;

/** The literal text of a module specifier, or undefined when computed. */
const literal = (node: ts.Node | undefined): string | undefined =>
  node !== undefined &&
  (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;

/** `import { type A, type B } from 'x'`: every named binding inline-type. */
const onlyInlineTypes = (clause: ts.ImportClause): boolean =>
  clause.name === undefined &&
  clause.namedBindings !== undefined &&
  ts.isNamedImports(clause.namedBindings) &&
  clause.namedBindings.elements.length > 0 &&
  clause.namedBindings.elements.every((element) => element.isTypeOnly);

/** Whether the file declares a binding with this name anywhere. */
const declares = (source: ts.SourceFile, name: string): boolean => {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const declared = (node as { name?: ts.Node }).name;
    if (
      (ts.isVariableDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isBindingElement(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isImportSpecifier(node) ||
        ts.isImportClause(node) ||
        ts.isNamespaceImport(node) ||
        ts.isImportEqualsDeclaration(node)) &&
      declared !== undefined &&
      ts.isIdentifier(declared) &&
      declared.text === name
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

/**
 * Whether an identifier names a value of the scope (not a property name, a
 * declared name or a type).
 */
const isFreeValue = (node: ts.Identifier): boolean => {
  const parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  if (ts.isTypeQueryNode(parent) || ts.isTypeReferenceNode(parent)) {
    return false;
  }
  const slots = parent as { name?: ts.Node; propertyName?: ts.Node };
  return slots.name !== node && slots.propertyName !== node;
};

/**
 * Everything a TypeScript file depends on, read with the compiler's own
 * parser: static imports and re-exports (telling `import type` and
 * `export type` apart), `import x = require()`, dynamic `import()`,
 * `require()` and `createRequire(…)()`, `typeof import()` types, and uses of the network globals
 * (`fetch`, `WebSocket`) unless the file declares its own binding of that
 * name.
 *
 * `import { type A } from 'x'` is not type-only: with `verbatimModuleSyntax`
 * (tsconfig.json) the compiler keeps it as `import {} from 'x'`, which loads
 * the module. Everything in a `.d.ts` file is type-only.
 *
 * @param path - the file's path relative to the repository root (posix)
 * @param text - its content
 */
const readReferences = (path: string, text: string): Reference[] => {
  const source = ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS
  );
  const ambient = path.endsWith('.d.ts');
  const shadowed = new Set(
    [...IO_GLOBALS].filter((name) => declares(source, name))
  );
  const references: Reference[] = [];
  const add = (
    node: ts.Node,
    kind: string,
    specifier: string | undefined,
    typeOnly: boolean
  ): void => {
    references.push({
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      kind,
      specifier: specifier ?? COMPUTED,
      target: specifier === undefined ? COMPUTED : targetOf(path, specifier),
      typeOnly: ambient || typeOnly,
    });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) {
        add(node, 'import type', literal(node.moduleSpecifier), true);
      } else if (clause !== undefined && onlyInlineTypes(clause)) {
        add(
          node,
          'import { type … } (kept at run time by verbatimModuleSyntax: write `import type`)',
          literal(node.moduleSpecifier),
          false
        );
      } else {
        add(node, 'import', literal(node.moduleSpecifier), false);
      }
    } else if (ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier !== undefined) {
        add(
          node,
          node.isTypeOnly ? 'export type from' : 'export from',
          literal(node.moduleSpecifier),
          node.isTypeOnly
        );
      }
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(
        node,
        node.isTypeOnly ? 'import type = require()' : 'import = require()',
        literal(node.moduleReference.expression),
        node.isTypeOnly
      );
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      add(
        node,
        'typeof import()',
        ts.isLiteralTypeNode(argument) ? literal(argument.literal) : undefined,
        true
      );
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        add(node, 'import()', literal(node.arguments[0]), false);
      } else if (
        (ts.isIdentifier(node.expression) &&
          node.expression.text === 'require') ||
        (ts.isCallExpression(node.expression) &&
          ts.isIdentifier(node.expression.expression) &&
          node.expression.expression.text === 'createRequire')
      ) {
        // `require('x')`, also one made by `createRequire`, and
        // `createRequire(import.meta.url)('x')`: each loads a module.
        add(node, 'require()', literal(node.arguments[0]), false);
      }
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      GLOBAL_OBJECTS.has(node.expression.text) &&
      IO_GLOBALS.has(node.name.text)
    ) {
      add(node, 'global', node.name.text, false);
      return;
    } else if (
      ts.isIdentifier(node) &&
      IO_GLOBALS.has(node.text) &&
      !shadowed.has(node.text) &&
      isFreeValue(node)
    ) {
      add(node, 'global', node.text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return references;
};

export { readReferences };
