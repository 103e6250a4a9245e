import type { RecordOutcome, RedriveResult } from '../redrive/types.js';

/** What a record outcome says, in words. */
const formatOutcome = (outcome: {
  readonly outcome: RedriveResult['outcome'];
  readonly action?: RecordOutcome['action'];
  readonly elementId?: string;
  readonly detail?: string;
}): string => {
  const element =
    outcome.elementId === undefined ? '' : ` (element ${outcome.elementId})`;
  const detail = outcome.detail ?? '';
  switch (outcome.outcome) {
    case 'done':
      return outcome.action === 'created'
        ? `done: instance created${element}`
        : outcome.action === 'published'
          ? `done: message published${element}`
          : `done: already done before, not sent again${element}`;
    case 'notActivated':
      return `not activated: ${detail}`;
    case 'skippedBelowOffset':
      return `skipped: ${detail}`;
    case 'deadLettered':
      return `dead-lettered: ${detail}${element}`;
    case 'retry':
      return `retry: ${detail}${element}`;
    case 'notAttempted':
      return detail;
    case 'unreadable':
      return `unreadable: ${detail}`;
    case 'unknownBinding':
      return `unknown binding: ${detail}`;
    case 'notRedrivable':
      return `not redrivable: ${detail}`;
    default:
      return String(outcome.outcome);
  }
};

export { formatOutcome };
