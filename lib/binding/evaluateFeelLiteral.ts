import { inspectFeel, stripFeelPrefix } from '../feel/index.js';
import { checkFeelSyntax } from './checkFeelSyntax.js';
import { replaceSecretReferences } from './findSecretReferences.js';
import type { ParseOutcome } from './types.js';

// Node types of a literal: contexts, lists, strings, numbers, booleans, null
// (and unary minus / parentheses). Anything else (calls, paths, loops,
// ranges) would need variables or unbounded work at deploy time.
const LITERAL_NODES = new Set([
  'Expression',
  'Context',
  'ContextEntry',
  'Key',
  'Name',
  'Identifier',
  'VariableName',
  'StringLiteral',
  'NumericLiteral',
  'BooleanLiteral',
  'null',
  'ArithOp',
  'ArithmeticExpression',
  'ParenthesizedExpression',
  'List',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
]);

const SENTINEL = /__kiSecret(\d+)__/g;

const restore = (value: unknown, texts: readonly string[]): unknown => {
  if (typeof value === 'string') {
    return value.replace(SENTINEL, (m, i: string) => texts[Number(i)] ?? m);
  }
  if (Array.isArray(value)) return value.map((v) => restore(v, texts));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, restore(v, texts)])
    );
  }
  return value;
};

/**
 * Evaluate a FEEL literal (`={"a": "b"}`, `=[1, 2]`, `="text"`) with no
 * variables. Secret references stay references in the result: they are
 * resolved later, by the runtime, never here.
 *
 * @param source - the property value, with or without the leading `=`
 */
const evaluateFeelLiteral = (source: string): ParseOutcome<unknown> => {
  const texts: string[] = [];
  const replaced = replaceSecretReferences(source, (reference, i) => {
    texts.push(reference.text);
    return `__kiSecret${i}__`;
  });
  const syntax = checkFeelSyntax(replaced);
  if (syntax) return { ok: false, message: syntax };
  const expression = stripFeelPrefix(replaced);
  const context: Record<string, string> = Object.fromEntries(
    texts.map((_t, i) => [`__kiSecret${i}__`, `__kiSecret${i}__`])
  );
  let problem: string | undefined;
  const { compiled, tree } = inspectFeel(expression);
  tree.iterate({
    enter: (node) => {
      if (problem) return false;
      if (!LITERAL_NODES.has(node.type.name)) {
        problem = `must be a literal value (a FEEL context, list, string, number or boolean), not an expression ("${expression.slice(node.from, Math.min(node.to, node.from + 30))}")`;
      } else if (node.type.name === 'VariableName') {
        const name = expression.slice(node.from, node.to);
        if (!(name in context)) {
          problem = `refers to "${name}", which is not known when the subscription is created; use a literal value`;
        }
      }
      return true;
    },
  });
  if (problem) return { ok: false, message: problem };
  const { value } = compiled.evaluate(context);
  return { ok: true, value: restore(value, texts) };
};

export { evaluateFeelLiteral };
