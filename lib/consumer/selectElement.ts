import type { BindingElement } from '../binding/types.js';
import { describeError } from '../common/index.js';
import { evaluateActivation } from '../feel/index.js';
import type { CompiledBinding, CompiledElement } from './compileBinding.js';
import { poison, type RecordPoison } from './outcomes.js';

/** Which element a record goes to, if any. */
type Selection =
  | { readonly kind: 'matched'; readonly compiled: CompiledElement }
  | { readonly kind: 'notMatched'; readonly consumeUnmatched: boolean }
  | RecordPoison;

const MESSAGE_KINDS = new Set<BindingElement['kind']>([
  'intermediateCatchEvent',
  'boundaryEvent',
  'receiveTask',
]);

/**
 * Why several matching elements cannot share one record, as Camunda's
 * `ActivationConditionEvaluator.checkMessageElementCompatibility` decides:
 * all must be message catch events, boundary events or receive tasks (not
 * start events) with the same message name, result expression, result
 * variable, correlation key expression, message id expression and time to
 * live (an unset TTL differs from an explicit one). Undefined when they are
 * compatible (the first one is used).
 */
const incompatibility = (
  matches: readonly BindingElement[]
): string | undefined => {
  if (!matches.every((m) => MESSAGE_KINDS.has(m.kind))) {
    return 'Not all matching elements are message correlation points';
  }
  const distinct = (pick: (e: BindingElement) => unknown): unknown[] => [
    ...new Set(matches.map(pick)),
  ];
  const names = distinct((m) => m.messageName);
  if (names.length > 1) {
    return `Multiple matching elements have different message names: ${JSON.stringify(names)}`;
  }
  const mismatches = (
    [
      ['resultExpression', (m) => m.resultExpression],
      ['resultVariable', (m) => m.resultVariable],
      ['correlationKeyExpression', (m) => m.correlationKeyExpression],
      ['messageIdExpression', (m) => m.messageIdExpression],
      [
        'timeToLive',
        (m) => (m.messageTtl === undefined ? undefined : m.messageTtlMs),
      ],
    ] as const satisfies readonly (readonly [
      string,
      (e: BindingElement) => unknown,
    ])[]
  )
    .filter(([, pick]) => distinct(pick).length > 1)
    .map(([name]) => name);
  if (mismatches.length === 0) return undefined;
  return `the elements have incompatible properties: ${mismatches.join(', ')}`;
};

/**
 * Evaluates each element's activation condition: blank activates, only an
 * exact `true` activates (null from a missing variable, false, or any other
 * value does not; FEEL warnings do not matter here), an evaluation error
 * makes the record poison. One match wins; several only when Camunda's
 * runtime would take them as one (see {@link incompatibility}; the first is
 * used).
 *
 * @param compiled - The binding with compiled expressions.
 * @param context - The FEEL context: the decoded record's message fields.
 */
const selectElement = (
  compiled: CompiledBinding,
  context: Record<string, unknown>
): Selection => {
  const matches: CompiledElement[] = [];
  for (const candidate of compiled.elements) {
    const result = evaluateActivation(candidate.activation, context);
    if (result.error !== undefined) {
      return poison(
        'activation-condition-failed',
        `Activation condition failed: ${describeError(result.error)}`,
        candidate.element.elementId
      );
    }
    if (result.activated) matches.push(candidate);
  }
  const [first, ...others] = matches;
  if (first === undefined) {
    return {
      kind: 'notMatched',
      consumeUnmatched: compiled.elements.some(
        (c) => c.element.consumeUnmatchedEvents
      ),
    };
  }
  const reason =
    others.length === 0
      ? undefined
      : incompatibility(matches.map((m) => m.element));
  if (reason !== undefined) {
    const ids = matches.map((m) => m.element.elementId).join(', ');
    return poison(
      'ambiguous-activation',
      `Multiple connectors are activated for the same input (${ids}): ${reason}`,
      first.element.elementId
    );
  }
  return { kind: 'matched', compiled: first };
};

export type { Selection };
export { selectElement };
