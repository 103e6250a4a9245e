import { SCHEDULED_CHECK_EVENT } from './constants.js';

/**
 * Whether the provisioner's Lambda event is the schedule's
 * (`SCHEDULED_CHECK_EVENT`, the input EventBridge Scheduler sends) rather
 * than an S3 event.
 *
 * @param event - the Lambda event
 */
const isScheduledCheck = (event: unknown): boolean =>
  event !== null &&
  typeof event === 'object' &&
  (event as Record<string, unknown>).kafkaInbound ===
    SCHEDULED_CHECK_EVENT.kafkaInbound;

export { isScheduledCheck };
