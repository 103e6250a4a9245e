import type { ElementReader } from './createElementReader.js';

/** An element's deduplication mode and id. */
interface ElementDeduplication {
  /** The id when manual deduplication is on and the id is valid. */
  readonly deduplicationId?: string;
  /**
   * How the element shares a subscription (Camunda's deduplicationMode):
   * `manual` by deduplication id, `auto` with the elements of its process
   * whose connector properties are identical, `element` (no mode: older
   * templates) on its own.
   */
  readonly deduplication: 'manual' | 'auto' | 'element';
}

const DEDUPLICATION_ID = /^[a-zA-Z0-9_-]+$/;

/**
 * Reads an element's deduplication mode and id, reporting each problem to
 * the reader. Only deduplicationMode counts (Camunda's
 * InboundConnectorElement.deduplicationId); the manual flag is a modeler
 * toggle.
 *
 * @param reader - the element's properties and problems
 */
const readDeduplication = ({
  raw,
  error,
  warn,
}: ElementReader): ElementDeduplication => {
  const modeRaw = raw('deduplicationMode');
  const deduplicationIdRaw = raw('deduplicationId');
  if (modeRaw !== undefined && modeRaw !== 'MANUAL' && modeRaw !== 'AUTO') {
    error(
      'deduplicationMode',
      `"${modeRaw}" is not MANUAL or AUTO (Camunda: "Invalid deduplicationMode property")`
    );
  }
  let deduplicationId: string | undefined;
  if (modeRaw === 'MANUAL') {
    if (deduplicationIdRaw === undefined) {
      error(
        'deduplicationId',
        'manual deduplication is on but the deduplication id is empty'
      );
    } else if (!DEDUPLICATION_ID.test(deduplicationIdRaw)) {
      error(
        'deduplicationId',
        `"${deduplicationIdRaw}" is not a deduplication id: use only letters, digits, "-" and "_"`
      );
    } else {
      deduplicationId = deduplicationIdRaw;
    }
  } else if (deduplicationIdRaw !== undefined) {
    warn(
      'deduplicationId',
      `deduplicationId is ignored because deduplicationMode is ${modeRaw ?? 'not set'} (as in Camunda's runtime)`
    );
  }
  return {
    ...(deduplicationId ? { deduplicationId } : {}),
    deduplication:
      modeRaw === 'MANUAL' ? 'manual' : modeRaw === 'AUTO' ? 'auto' : 'element',
  };
};

export type { ElementDeduplication };
export { readDeduplication };
