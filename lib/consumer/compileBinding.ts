import type { Binding, BindingElement } from '../binding/types.js';
import { COMPILED_BINDING_CACHE_SIZE } from './constants.js';
import { isBlankExpression, stripFeel } from './expressions.js';
import type { CompiledExpression, ExpressionCompiler } from './types.js';

/** One element with its FEEL compiled; absent expression = not set. */
interface CompiledElement {
  readonly element: BindingElement;
  readonly activation?: CompiledExpression;
  readonly result?: CompiledExpression;
  readonly correlationKey?: CompiledExpression;
  readonly messageId?: CompiledExpression;
}

/** A binding whose expressions are compiled, shared by every batch. */
interface CompiledBinding {
  readonly binding: Binding;
  readonly elements: readonly CompiledElement[];
}

const caches = new WeakMap<ExpressionCompiler, Map<string, CompiledBinding>>();

/**
 * Compiles once; a syntax error is kept and thrown at each evaluation, so it
 * dead-letters the records that need the expression instead of failing the
 * whole batch.
 */
const compileSafely = (
  compile: ExpressionCompiler,
  source: string | undefined
): CompiledExpression | undefined => {
  if (source === undefined || isBlankExpression(source)) return undefined;
  try {
    return compile(source);
  } catch (error) {
    return {
      source,
      expression: stripFeel(source),
      evaluate: () => {
        throw error;
      },
    };
  }
};

const compileElement = (
  compile: ExpressionCompiler,
  element: BindingElement
): CompiledElement => ({
  element,
  activation: compileSafely(compile, element.activationCondition),
  result: compileSafely(compile, element.resultExpression),
  correlationKey: compileSafely(compile, element.correlationKeyExpression),
  messageId: compileSafely(compile, element.messageIdExpression),
});

/**
 * The binding with its FEEL compiled, cached per compiler by binding id and
 * revision (the revision changes whenever the configuration does).
 *
 * @param binding - The binding to compile.
 * @param compile - The FEEL compiler.
 */
const getCompiledBinding = (
  binding: Binding,
  compile: ExpressionCompiler
): CompiledBinding => {
  let cache = caches.get(compile);
  if (cache === undefined) {
    cache = new Map();
    caches.set(compile, cache);
  }
  const cacheKey = `${binding.id}\n${binding.revision}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) {
    // Re-insert so the Map's insertion order is least recently used first.
    cache.delete(cacheKey);
    cache.set(cacheKey, cached);
    return cached;
  }
  const compiled: CompiledBinding = {
    binding,
    elements: binding.elements.map((e) => compileElement(compile, e)),
  };
  cache.set(cacheKey, compiled);
  if (cache.size > COMPILED_BINDING_CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return compiled;
};

export type { CompiledBinding, CompiledElement };
export { getCompiledBinding };
