import { SECRET_MASK } from './constants.js';

// `scheme://user:password@host` (and `scheme://token@host`): everything up
// to the last `@` of the address is user info. Bounded repetitions keep the
// scan linear on hostile input.
const URL_USER_INFO =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)([^\s"'<>/?#]{1,2048})@/g;

// `user:password@host` without a scheme (a bootstrap server written with
// credentials), at the start of a token.
const BARE_USER_INFO =
  /(?<=^|[\s,;"'(=[])([^\s,;"'@/:=]{1,256}:(?!\/\/)[^\s"'@]{0,2048})@(?=[A-Za-z0-9[])/g;

/** Option and property names whose values are credentials. */
const CREDENTIAL_NAME =
  /pass(word|phrase|wd)?$|pwd$|secret|token|credential(?!s\.source$)|api[._-]?key|private[._-]?key|(^|[._-])key$|user[._-]?info/i;

// A double-quoted string (kept whole, so a quoted text containing
// `password=` cannot hide a real password after it), or a `name = value`
// pair whose value may be double- or single-quoted (a user name
// `"password="` is read as the user name's value). As in Camunda's own JAAS
// lines, which do not escape, a quote not followed by a blank, `;`, `,` or
// the end belongs to the value; an unclosed quote runs to the end. A single
// quote elsewhere is an apostrophe. Every alternative consumes what it can
// at once: linear.
const DOUBLE_QUOTED = `"(?:[^"\\\\]|\\\\[\\s\\S]|"(?![\\s;,]|$))*"?`;
const SINGLE_QUOTED = `'(?:[^'\\\\]|\\\\[\\s\\S]|'(?![\\s;,]|$))*'?`;
const QUOTED_OR_PAIR = new RegExp(
  `${DOUBLE_QUOTED}|(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]+)(\\s*=\\s*)(${DOUBLE_QUOTED}|${SINGLE_QUOTED}|[^\\s;,"']*)`,
  'g'
);

/**
 * `name=value` and `name="value"` pairs whose name says credential
 * (`password=`, `clientSecret="…"`, `ssl.key.passphrase=`): the value is
 * masked unless `keepValue` accepts it.
 */
const maskCredentialPairs = (
  text: string,
  keepValue: (value: string) => boolean
): string =>
  text.includes('=')
    ? text.replace(
        QUOTED_OR_PAIR,
        (
          match: string,
          name: string | undefined,
          separator: string | undefined,
          value: string | undefined
        ) => {
          if (name === undefined || value === undefined) return match;
          if (value === '' || !CREDENTIAL_NAME.test(name)) return match;
          const mark = value.startsWith('"')
            ? '"'
            : value.startsWith("'")
              ? "'"
              : '';
          const quoted = mark !== '';
          const inner = quoted
            ? value.slice(
                1,
                value.length > 1 && value.endsWith(mark) ? -1 : undefined
              )
            : value;
          if (keepValue(inner)) return match;
          return `${name}${separator ?? ''}${mark}${SECRET_MASK}${mark}`;
        }
      )
    : text;

/**
 * User info as it may be shown: `user:***` (the user name stays, it says
 * whose credentials these are), or `***` when there is no password (then
 * the user part is the credential, a token).
 */
const maskUserInfo = (
  info: string,
  keepValue: (value: string) => boolean
): string => {
  const colon = info.indexOf(':');
  if (colon < 0) return keepValue(info) ? info : SECRET_MASK;
  const password = info.slice(colon + 1);
  return `${info.slice(0, colon)}:${keepValue(password) ? password : SECRET_MASK}`;
};

/**
 * A text (an error message, a property value, a URL) with the credentials
 * written into it masked: the password in the user info of URLs
 * (`https://KEY:SECRET@host` → `https://KEY:***@host`,
 * `SASL_SSL://user:pw@host`; a token alone as user info is masked whole),
 * `user:pw@host` server entries, and the values
 * of `password=`, `secret=`, `token=`, `passphrase=`, `clientSecret=`…
 * pairs (as in a JAAS line). Values `keepValue` accepts (secret references
 * such as `{{secrets.KAFKA_PASSWORD}}`, which name a secret without
 * revealing it) stay, in pairs and as user info passwords.
 *
 * @param text - text that may quote what a user typed
 * @param options - `keepValue`: values shown anyway (secret references)
 * @example
 * ```ts
 * maskCredentialsInText('https://key:secret@registry:8081');
 * // 'https://key:***@registry:8081'
 * ```
 */
const maskCredentialsInText = (
  text: string,
  options: { readonly keepValue?: (value: string) => boolean } = {}
): string => {
  const keepValue = options.keepValue ?? (() => false);
  return maskCredentialPairs(
    text
      .replace(
        URL_USER_INFO,
        (_match, scheme: string, info: string) =>
          `${scheme}${maskUserInfo(info, keepValue)}@`
      )
      .replace(
        BARE_USER_INFO,
        (_match, info: string) => `${maskUserInfo(info, keepValue)}@`
      ),
    keepValue
  );
};

export { CREDENTIAL_NAME, maskCredentialsInText };
