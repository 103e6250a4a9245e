/**
 * Whether a value is a non-null object that is not an array (a JSON object
 * or anything read as one).
 *
 * @param value - any value
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export { isRecord };
