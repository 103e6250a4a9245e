import type { Problem } from '../bpmn/types.js';

/** A binding model with errors was used where a valid one is required. */
class BindingInvalidError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options?: ErrorOptions) {
    const first = problems[0];
    super(
      `the BPMN file has ${problems.length} error(s)${
        first
          ? `, first: ${[first.elementId, first.property].filter(Boolean).join(' / ')}${first.elementId || first.property ? ': ' : ''}${first.message}`
          : ''
      }`,
      options
    );
    this.name = 'BindingInvalidError';
    this.problems = problems;
  }
}

export { BindingInvalidError };
