/**
 * Bytes as KB of 1,024 bytes, one decimal: how bundle sizes are printed
 * and checked against BUNDLE_SIZE_TARGET_KB.
 *
 * @param bytes - a file size
 */
const toKb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

export { toKb };
