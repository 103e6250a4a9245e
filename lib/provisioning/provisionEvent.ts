import { type ProcessFailure, ProvisioningFailedError } from './errors.js';
import { parseObjectEvents } from './parseObjectEvents.js';
import { provisionObject } from './provisionObject.js';
import type {
  ObjectOutcome,
  ProvisionerDependencies,
  ProvisionResult,
} from './types.js';

/**
 * Handles the provisioner's Lambda event: an S3 event notification or an S3
 * EventBridge event for `*.bpmn` objects. Each object event is provisioned
 * in turn (`provisionObject`); when one fails the others still run, and then
 * ProvisioningFailedError names every process that failed, so that Lambda
 * retries the event (each failed process's status says what went wrong).
 * While the platform is torn down (`tearDownPlatform`) every object event
 * is skipped.
 *
 * @param event - the Lambda event
 * @param deps - ports, configuration, clock and observer
 * @throws ProvisioningEventError when the event has neither shape
 * @throws ProvisioningFailedError after every object event was tried
 * @example
 * ```ts
 * const { outcomes } = await provisionEvent(event, deps);
 * ```
 */
const provisionEvent = async (
  event: unknown,
  deps: ProvisionerDependencies
): Promise<ProvisionResult> => {
  const outcomes: { key: string; outcome: ObjectOutcome }[] = [];
  const failures: ProcessFailure[] = [];
  const objectEvents = parseObjectEvents(event);
  const tearingDownSince = await deps.store.tearingDownSince();
  if (tearingDownSince !== undefined) {
    // The stack is being deleted: an event that arrives late provisions
    // nothing the teardown would have to find again.
    for (const objectEvent of objectEvents) {
      const outcome: ObjectOutcome = {
        kind: 'skipped',
        reason: `the platform is being torn down (its stack is deleted, since ${tearingDownSince})`,
      };
      outcomes.push({ key: objectEvent.key, outcome });
      deps.observer?.onOutcome(objectEvent, outcome);
    }
    return { outcomes };
  }
  for (const objectEvent of objectEvents) {
    try {
      const outcome = await provisionObject(objectEvent, deps);
      outcomes.push({ key: objectEvent.key, outcome });
      deps.observer?.onOutcome(objectEvent, outcome);
    } catch (error) {
      deps.observer?.onFailure(objectEvent, error);
      if (error instanceof ProvisioningFailedError) {
        failures.push(...error.failures);
      } else {
        failures.push({ processId: objectEvent.key, error });
      }
    }
  }
  if (failures.length > 0) {
    throw new ProvisioningFailedError(failures);
  }
  return { outcomes };
};

export { provisionEvent };
