const sortValue = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.map(sortValue);
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(
      entries.map(([key, item]) => [key, sortValue(item)])
    );
  }
  return value;
};

/**
 * JSON with object keys sorted and `undefined` members dropped, so that two
 * equal values always give the same text.
 *
 * @param value - any JSON-like value
 */
const stableJson = (value: unknown): string =>
  JSON.stringify(sortValue(value)) ?? 'undefined';

export { stableJson };
