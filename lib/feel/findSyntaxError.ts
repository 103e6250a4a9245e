import type { SyntaxNode, Tree } from '@lezer/common';
import { FeelSyntaxError } from './errors.js';

// The node after `node` in document order, climbing up when needed.
const findNext = (node: SyntaxNode): SyntaxNode | null => {
  for (let current: SyntaxNode | null = node; current; ) {
    if (current.nextSibling) {
      return current.nextSibling;
    }
    current = current.parent;
  }
  return null;
};

const describe = (
  node: SyntaxNode
): { message: string; from: number; to: number } => {
  const parent = node.parent ?? node;
  if (node.from !== node.to) {
    return {
      message: `Unrecognized token in <${parent.name}>`,
      from: node.from,
      to: node.to,
    };
  }
  const next = findNext(node);
  if (next) {
    return {
      message: `Unrecognized token <${next.name}> in <${parent.name}>`,
      from: next.from,
      to: next.to,
    };
  }
  const unfinished = parent.enterUnfinishedNodesBefore(node.to);
  return {
    message: `Incomplete <${(unfinished ?? parent).name}>`,
    from: node.from,
    to: node.to,
  };
};

/**
 * The first syntax error in a parse tree, described as feelin describes it
 * (`Unrecognized token ...`, `Incomplete <...>`), or `undefined`.
 *
 * @param tree - lezer-feel tree
 * @param expression - the text it was parsed from
 * @internal
 */
const findSyntaxError = (
  tree: Tree,
  expression: string
): FeelSyntaxError | undefined => {
  let found: SyntaxNode | undefined;
  tree.iterate({
    enter: (ref) => {
      if (found) {
        return false;
      }
      if (ref.type.isError) {
        found = ref.node;
        return false;
      }
      return undefined;
    },
  });
  if (!found) {
    return undefined;
  }
  const { message, from, to } = describe(found);
  return new FeelSyntaxError(
    `FEEL syntax error in '${expression.length > 100 ? `${expression.slice(0, 100)}…` : expression}': ${message} at ${from}`,
    expression,
    { from, to }
  );
};

export { findSyntaxError };
