import type { Binding } from '../../lib/binding/types.js';
import { createBatchProcessor } from '../../lib/consumer/createBatchProcessor.js';
import { createMemoryIdempotency } from '../../lib/consumer/createMemoryIdempotency.js';
import type {
  BatchDependencies,
  DeployedBinding,
  RecordEvent,
} from '../../lib/consumer/types.js';
import { deployedFactory } from './factories/index.js';
import {
  createFakeCamunda,
  createMemoryDeadLetterSink,
} from './fakeCamunda.js';

const FIXED_NOW = new Date('2026-01-01T00:00:00.000Z');

/** A processor over a fake Camunda, an in-memory sink and idempotency. */
const setupProcessor = (
  binding: Binding,
  overrides: Partial<Omit<DeployedBinding, 'binding'>> = {},
  deps: Partial<BatchDependencies> & {
    readonly pause?: () => Promise<void>;
  } = {}
) => {
  const camunda = createFakeCamunda({ pause: deps.pause });
  const deadLetters = createMemoryDeadLetterSink();
  const idempotency = createMemoryIdempotency();
  const events: RecordEvent[] = [];
  const deployed = deployedFactory(binding, overrides);
  const processor = createBatchProcessor(deployed, {
    camunda,
    deadLetters,
    idempotency,
    observer: { onRecord: (event) => events.push(event) },
    now: () => FIXED_NOW,
    ...deps,
  });
  return { camunda, deadLetters, events, processor, deployed };
};

export { FIXED_NOW, setupProcessor };
