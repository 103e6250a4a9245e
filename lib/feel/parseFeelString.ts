const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  "'": "'",
  '"': '"',
  '\\': '\\',
};

/**
 * The value of a FEEL string literal: quotes removed, escapes resolved as
 * feel-scala's parser does (`translateEscapes`): `\n \r \t \b \f \' \" \\`;
 * any other backslash (`\u269D`, `\d`) is kept as written.
 *
 * @param literal - the literal as written, with its double quotes
 * @internal
 */
const parseFeelString = (literal: string): string => {
  let body = literal.startsWith('"') ? literal.slice(1) : literal;
  body = body.endsWith('"') ? body.slice(0, -1) : body;
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] as string;
    const next = body[i + 1];
    if (c === '\\' && next !== undefined && ESCAPES[next] !== undefined) {
      out += ESCAPES[next];
      i += 1;
    } else {
      out += c;
    }
  }
  return out;
};

export { parseFeelString };
