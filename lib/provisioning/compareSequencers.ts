const normalize = (sequencer: string): string => sequencer.trim().toUpperCase();

/**
 * Orders two S3 event sequencers of the same key: hexadecimal strings of
 * varying length, compared after left-padding the shorter with zeros (S3
 * documents this comparison).
 *
 * @param a - a sequencer
 * @param b - another sequencer
 * @returns negative when `a` is older, 0 when equal, positive when newer
 */
const compareSequencers = (a: string, b: string): number => {
  const left = normalize(a);
  const right = normalize(b);
  const width = Math.max(left.length, right.length);
  const paddedLeft = left.padStart(width, '0');
  const paddedRight = right.padStart(width, '0');
  return paddedLeft < paddedRight ? -1 : paddedLeft > paddedRight ? 1 : 0;
};

export { compareSequencers };
