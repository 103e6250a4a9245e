import type { ElementReader } from './createElementReader.js';

const DEDUPLICATION_ID = /^[a-zA-Z0-9_-]+$/;

/**
 * Reads an element's deduplication mode and id: the id when manual
 * deduplication is on and the id is valid, otherwise undefined (with the
 * problem reported to the reader).
 *
 * @param reader - the element's properties and problems
 */
const readDeduplication = ({
  raw,
  error,
}: ElementReader): string | undefined => {
  const modeRaw = raw('deduplicationMode');
  const manualFlag = raw('deduplicationModeManualFlag');
  const deduplicationIdRaw = raw('deduplicationId');
  const manual =
    modeRaw === 'MANUAL' ||
    manualFlag === 'true' ||
    deduplicationIdRaw !== undefined;
  if (modeRaw !== undefined && modeRaw !== 'MANUAL' && modeRaw !== 'AUTO') {
    error('deduplicationMode', `"${modeRaw}" is not MANUAL or AUTO`);
  }
  if (!manual) return undefined;
  if (deduplicationIdRaw === undefined) {
    error(
      'deduplicationId',
      'manual deduplication is on but the deduplication id is empty'
    );
    return undefined;
  }
  if (!DEDUPLICATION_ID.test(deduplicationIdRaw)) {
    error(
      'deduplicationId',
      `"${deduplicationIdRaw}" is not a deduplication id: use only letters, digits, "-" and "_"`
    );
    return undefined;
  }
  return deduplicationIdRaw;
};

export { readDeduplication };
