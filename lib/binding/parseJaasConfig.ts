/** A `sasl.jaas.config` value split into its parts. */
interface JaasConfig {
  /** Fully qualified login module class. */
  readonly loginModule: string;
  readonly flag: string;
  /** Module options (`username`, `password`, …), unquoted. */
  readonly options: Readonly<Record<string, string>>;
}

// Kafka's JaasConfig tokenizer takes "…" and '…' quotes alike.
const OPTION =
  /\s*([A-Za-z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s;"']+))/y;

/**
 * Parse a JAAS configuration line as Kafka writes it:
 * `<LoginModule> <flag> key="value" key2=value2;`.
 *
 * @param text - the `sasl.jaas.config` value
 * @returns the parts, or `undefined` when the text is not of that shape
 */
const parseJaasConfig = (text: string): JaasConfig | undefined => {
  const head =
    /^\s*([A-Za-z0-9_.$]+)\s+(required|requisite|sufficient|optional)\b/.exec(
      text
    );
  if (!head) return undefined;
  const options: Record<string, string> = {};
  let at = head[0].length;
  OPTION.lastIndex = at;
  for (;;) {
    OPTION.lastIndex = at;
    const match = OPTION.exec(text);
    if (!match) break;
    const key = match[1] ?? '';
    const quoted = match[2] ?? match[3];
    options[key] =
      quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (match[4] ?? '');
    at = OPTION.lastIndex;
  }
  if (!/^\s*;?\s*$/.test(text.slice(at))) return undefined;
  return {
    loginModule: head[1] ?? '',
    flag: head[2] ?? '',
    options,
  };
};

/**
 * The PLAIN `sasl.jaas.config` Camunda's connector writes for the template's
 * username and password, character for character
 * (`KafkaPropertiesUtil.SASL_JAAS_CONFIG_VALUE`: single quotes, three
 * spaces, values inserted as written).
 */
const plainJaasConfig = (username: string, password: string): string =>
  `org.apache.kafka.common.security.plain.PlainLoginModule   required username='${username}'   password='${password}';`;

export type { JaasConfig };
export { parseJaasConfig, plainJaasConfig };
