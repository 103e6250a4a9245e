import { CAMUNDA_KEY_FIELDS } from './constants.js';

// `"processInstanceKey": 2251799813685249` → `"processInstanceKey": "2251…"`.
// Older gateways (8.6 and before) sent keys as JSON numbers, which lose
// precision as JS numbers; quoting them before JSON.parse keeps every digit.
const NUMERIC_KEY_FIELD = new RegExp(
  `("(?:${CAMUNDA_KEY_FIELDS.join('|')})"\\s*:\\s*)(-?[0-9]+)(?=\\s*[,}])`,
  'g'
);

/**
 * The response body as JSON when it is JSON (keys kept as strings), else
 * the text; `undefined` when empty.
 *
 * @param text - The body text.
 * @param contentType - The `Content-Type` header, if any.
 */
const parseResponseBody = (
  text: string,
  contentType: string | null
): unknown => {
  if (text === '') return undefined;
  const looksJson =
    /\bjson\b/i.test(contentType ?? '') || /^\s*[{[]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text.replace(NUMERIC_KEY_FIELD, '$1"$2"'));
  } catch {
    return text;
  }
};

export { parseResponseBody };
