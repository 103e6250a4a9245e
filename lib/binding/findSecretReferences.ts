// The connector runtime's two patterns (camunda/connectors SecretUtil), applied
// in the same order: the braces form first, then the legacy bare form, which
// skips `camunda.secrets.NAME` (left for the cluster to resolve).
const BRACES_PATTERN = /\{\{\s*secrets\.(\S+?\s*)\}\}/g;
const BARE_PATTERN =
  /(?<!camunda\.)secrets\.((?:[a-zA-Z0-9]+[/._-])*[a-zA-Z0-9]+)/g;
const CLUSTER_PATTERN =
  /camunda\.secrets\.((?:[a-zA-Z0-9]+[/._-])*[a-zA-Z0-9]+)/g;

/** One secret reference found in a text. */
interface SecretReference {
  /** The secret name (trimmed). */
  readonly name: string;
  /** The reference exactly as written (`{{secrets.X}}` or `secrets.X`). */
  readonly text: string;
  readonly form: 'braces' | 'legacy';
}

interface Located {
  readonly index: number;
  readonly reference: SecretReference;
}

const locate = (text: string): Located[] => {
  const found: Located[] = [];
  for (const match of text.matchAll(BRACES_PATTERN)) {
    found.push({
      index: match.index,
      reference: {
        name: (match[1] ?? '').trim(),
        text: match[0],
        form: 'braces',
      },
    });
  }
  // Blank the braces references so the bare pattern cannot match inside them.
  const rest = text.replace(BRACES_PATTERN, (m) => ' '.repeat(m.length));
  for (const match of rest.matchAll(BARE_PATTERN)) {
    found.push({
      index: match.index,
      reference: { name: match[1] ?? '', text: match[0], form: 'legacy' },
    });
  }
  return found.sort((a, b) => a.index - b.index);
};

/**
 * Every secret reference of a text, in order: `{{secrets.NAME}}` first, then
 * the legacy bare `secrets.NAME` in what is left.
 *
 * @param text - a raw property value
 */
const scanSecretReferences = (text: string): SecretReference[] =>
  locate(text).map((l) => l.reference);

/**
 * The names of the secrets a text references (`{{secrets.NAME}}`, legacy
 * `secrets.NAME`), unique, in order of first appearance. Values are never
 * looked up here.
 *
 * @param text - a raw property value
 */
const findSecretReferences = (text: string): string[] => [
  ...new Set(scanSecretReferences(text).map((r) => r.name)),
];

/**
 * Replace every secret reference by what `replace` returns for it.
 *
 * @param text - a raw property value
 * @param replace - called once per reference, in order of appearance
 */
const replaceSecretReferences = (
  text: string,
  replace: (reference: SecretReference, index: number) => string
): string => {
  let out = '';
  let from = 0;
  locate(text).forEach(({ index, reference }, n) => {
    out += text.slice(from, index) + replace(reference, n);
    from = index + reference.text.length;
  });
  return out + text.slice(from);
};

/** Names referenced as `camunda.secrets.NAME` (resolved by Camunda 8.10+ clusters). */
const findClusterSecretReferences = (text: string): string[] => [
  ...new Set([...text.matchAll(CLUSTER_PATTERN)].map((m) => m[1] ?? '')),
];

export type { SecretReference };
export {
  findClusterSecretReferences,
  findSecretReferences,
  replaceSecretReferences,
  scanSecretReferences,
};
