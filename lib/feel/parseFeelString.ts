const ESCAPES =
  /(\\")|(\\\\)|(\\n)|(\\r)|(\\t)|(\\u[a-fA-F0-9]{5,6})|((?:\\u[a-fA-F0-9]{1,4})+)/gi;
const UNICODE_ESCAPE = /\\u([a-fA-F0-9]+)/gi;

/**
 * The value of a FEEL string literal: quotes removed, escapes resolved
 * exactly as feelin 8.2.0 does (`parseString`).
 *
 * @param literal - the literal as written, with its double quotes
 * @internal
 */
const parseFeelString = (literal: string): string => {
  let body = literal.startsWith('"') ? literal.slice(1) : literal;
  body = body.endsWith('"') ? body.slice(0, -1) : body;
  return body.replace(
    ESCAPES,
    (
      substring: string,
      quote?: string,
      backslash?: string,
      newline?: string,
      carriageReturn?: string,
      tab?: string,
      codePoint?: string
    ) => {
      if (quote) {
        return '"';
      }
      if (newline) {
        return '\n';
      }
      if (carriageReturn) {
        return '\r';
      }
      if (tab) {
        return '\t';
      }
      if (backslash) {
        return '\\';
      }
      const codes = [...substring.matchAll(UNICODE_ESCAPE)].map((m) =>
        Number.parseInt(m[1] ?? '', 16)
      );
      return codePoint
        ? String.fromCodePoint(codes[0] ?? 0)
        : String.fromCharCode(...codes);
    }
  );
};

export { parseFeelString };
