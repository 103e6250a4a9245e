// bpmn-moddle returns an untyped object graph; these accessors read it
// without casts and treat anything unexpected as absent.

/** A node of the moddle object graph. */
type ModdleNode = Readonly<Record<string, unknown>>;

const isNode = (value: unknown): value is ModdleNode =>
  typeof value === 'object' && value !== null;

const readString = (node: ModdleNode, key: string): string | undefined => {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
};

const readNode = (node: ModdleNode, key: string): ModdleNode | undefined => {
  const value = node[key];
  return isNode(value) ? value : undefined;
};

const readNodes = (node: ModdleNode, key: string): ModdleNode[] => {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
};

/** The `$type` of a node (`bpmn:StartEvent`), or '' when it has none. */
const typeOf = (node: ModdleNode): string => readString(node, '$type') ?? '';

/** The values of `extensionElements` with the given `$type`. */
const readExtensions = (node: ModdleNode, type: string): ModdleNode[] => {
  const extensions = readNode(node, 'extensionElements');
  if (!extensions) return [];
  return readNodes(extensions, 'values').filter((v) => typeOf(v) === type);
};

export type { ModdleNode };
export { isNode, readExtensions, readNode, readNodes, readString, typeOf };
