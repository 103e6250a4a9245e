import type { BindingElement } from '../binding/types.js';
import { describeError } from '../common/index.js';
import { evaluateActivation } from '../feel/index.js';
import type { CompiledBinding, CompiledElement } from './compileBinding.js';
import { stripFeel } from './expressions.js';
import { poison, type RecordPoison } from './outcomes.js';

/** Which element a record goes to, if any. */
type Selection =
  | { readonly kind: 'matched'; readonly compiled: CompiledElement }
  | { readonly kind: 'notMatched'; readonly consumeUnmatched: boolean }
  | RecordPoison;

/** Whether a record for this element needs a non-empty correlation key. */
const requiresCorrelationKey = (element: BindingElement): boolean =>
  element.kind !== 'messageStartEvent' || element.correlationRequired;

const sameSource = (a: string | undefined, b: string | undefined): boolean =>
  stripFeel(a ?? '') === stripFeel(b ?? '');

/**
 * Whether two elements would turn a record into the very same Camunda call:
 * both publish a message with the same name, correlation, message id, TTL
 * and variables. Creating an instance twice is never the same call.
 */
const sendsSameMessage = (a: BindingElement, b: BindingElement): boolean =>
  a.kind !== 'noneStartEvent' &&
  b.kind !== 'noneStartEvent' &&
  a.messageName === b.messageName &&
  requiresCorrelationKey(a) === requiresCorrelationKey(b) &&
  sameSource(a.correlationKeyExpression, b.correlationKeyExpression) &&
  sameSource(a.messageIdExpression, b.messageIdExpression) &&
  a.messageTtlMs === b.messageTtlMs &&
  a.resultVariable === b.resultVariable &&
  sameSource(a.resultExpression, b.resultExpression);

/**
 * Evaluates each element's activation condition: blank activates, only an
 * exact `true` activates (null from a missing variable, false, or any other
 * value does not; FEEL warnings do not matter here), an evaluation error
 * makes the record poison. One match wins; several only when they send the
 * same message (the first is used).
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
  const conflicting = others.find(
    (other) => !sendsSameMessage(first.element, other.element)
  );
  if (conflicting !== undefined) {
    const ids = matches.map((m) => m.element.elementId).join(', ');
    return poison(
      'ambiguous-activation',
      `Several elements are activated for the same record and would send different messages: ${ids}`,
      first.element.elementId
    );
  }
  return { kind: 'matched', compiled: first };
};

export type { Selection };
export { requiresCorrelationKey, selectElement };
