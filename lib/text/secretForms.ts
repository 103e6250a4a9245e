import {
  MIN_BASE64_CORE_CHARS,
  MIN_ENCODED_SECRET_CHARS,
} from './constants.js';

/**
 * The part of a secret's base64 that does not depend on its neighbours,
 * for each of the three positions it can take in a longer encoded text
 * (`user:secret` in a Basic header, a token inside a JSON document…): the
 * characters whose six bits all come from the secret.
 */
const base64Cores = (secret: Buffer): string[] => {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), secret]).toString(
      'base64'
    );
    const bits = (shift + secret.length) * 8;
    const core = encoded.slice(
      Math.ceil((shift * 8) / 6),
      Math.floor(bits / 6)
    );
    if (core.length >= MIN_BASE64_CORE_CHARS) {
      cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return cores;
};

/** `%xx` escapes with lower-case hex digits (both are valid). */
const lowerHex = (text: string): string =>
  text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());

/**
 * Every form in which a secret can appear in text we write: as is;
 * JSON-escaped once and twice (a message quoting a JSON body, logged as
 * JSON); URL-encoded as a URI component and as a form field (`+` for a
 * space), each with upper- and lower-case hex; base64 (standard and URL
 * alphabet) at any alignment. Longest first, so a longer form is replaced
 * before a shorter one inside it.
 *
 * @param secret - the secret's value
 */
const secretForms = (secret: string): string[] => {
  if (secret === '') return [];
  const forms = new Set<string>([secret]);
  if (secret.length >= MIN_ENCODED_SECRET_CHARS) {
    const once = JSON.stringify(secret).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    const component = encodeURIComponent(secret);
    const formField = new URLSearchParams({ s: secret }).toString().slice(2);
    for (const form of [once, twice, component, formField]) {
      forms.add(form);
      forms.add(lowerHex(form));
    }
    for (const core of base64Cores(Buffer.from(secret, 'utf8'))) {
      forms.add(core);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
};

export { secretForms };
