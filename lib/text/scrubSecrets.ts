import { SECRET_MASK } from './constants.js';
import { secretForms } from './secretForms.js';

/**
 * The text with every known secret replaced by `***`, in every encoding it
 * may have taken on the way (raw, JSON-escaped, URL-encoded with `%XX` or
 * `+`, base64): an endpoint that echoes the form-encoded request body, or a
 * JSON error quoting it, must not carry a secret into a log line or a
 * stored reason.
 *
 * @param text - what is about to be logged or stored
 * @param secrets - the secret values in play (empty ones are ignored)
 * @example
 * ```ts
 * scrubSecrets('client_secret=a%2Bb%3D', ['a+b=']); // 'client_secret=***'
 * ```
 */
const scrubSecrets = (text: string, secrets: Iterable<string>): string => {
  const forms = [...new Set([...secrets].flatMap(secretForms))].sort(
    (a, b) => b.length - a.length
  );
  let result = text;
  for (const form of forms) {
    if (result.includes(form)) result = result.split(form).join(SECRET_MASK);
  }
  return result;
};

export { scrubSecrets };
