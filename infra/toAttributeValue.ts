/** A DynamoDB AttributeValue in the low-level API's JSON shape. */
type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly L: readonly AttributeValue[] }
  | { readonly M: Readonly<Record<string, AttributeValue>> };

/**
 * Marshals plain data (strings, numbers, booleans, null, arrays, objects)
 * into DynamoDB AttributeValues; `undefined` object fields are left out, as
 * lib-dynamodb does with `removeUndefinedValues`.
 *
 * @param value - the value to marshal
 */
const toAttributeValue = (value: unknown): AttributeValue => {
  if (value === null) {
    return { NULL: true };
  }
  if (typeof value === 'string') {
    return { S: value };
  }
  if (typeof value === 'number') {
    return { N: String(value) };
  }
  if (typeof value === 'boolean') {
    return { BOOL: value };
  }
  if (Array.isArray(value)) {
    return { L: value.map(toAttributeValue) };
  }
  if (typeof value === 'object') {
    return { M: toItem(value as Record<string, unknown>) };
  }
  throw new TypeError(`Cannot store a ${typeof value} in DynamoDB`);
};

/**
 * Marshals an object into a DynamoDB item.
 *
 * @param record - the object; `undefined` fields are left out
 */
const toItem = (
  record: Readonly<Record<string, unknown>>
): Record<string, AttributeValue> =>
  Object.fromEntries(
    Object.entries(record)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => [key, toAttributeValue(field)])
  );

export type { AttributeValue };
export { toAttributeValue, toItem };
