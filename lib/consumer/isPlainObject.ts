/**
 * Whether a value is a FEEL context as the consumer sees it: a plain
 * object (not a list, not a class instance such as a FEEL date).
 *
 * @param value - any value
 */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  Object.getPrototypeOf(value) === Object.prototype;

export { isPlainObject };
