/** What the double needs to know about one `<process>` of a BPMN file. */
interface BpmnProcessInfo {
  readonly id: string;
  readonly hasNoneStartEvent: boolean;
}

const PROCESS =
  /<(?:[\w.-]+:)?process\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?process>)/g;
const START_EVENT =
  /<(?:[\w.-]+:)?startEvent\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?startEvent>)/g;

const attribute = (attributes: string, name: string): string | undefined =>
  new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1];

/**
 * The executable processes of a BPMN document, found with regular
 * expressions: enough for a test double, not a parser.
 *
 * @param xml - The BPMN XML.
 */
const bpmnProcesses = (xml: string): BpmnProcessInfo[] => {
  const found: BpmnProcessInfo[] = [];
  for (const match of xml.matchAll(PROCESS)) {
    const attributes = match[1] ?? '';
    const id = attribute(attributes, 'id');
    if (id === undefined || attribute(attributes, 'isExecutable') === 'false') {
      continue;
    }
    const content = match[2] ?? '';
    const hasNoneStartEvent = [...content.matchAll(START_EVENT)].some(
      (start) => !/EventDefinition\b/.test(start[1] ?? '')
    );
    found.push({ id, hasNoneStartEvent });
  }
  return found;
};

export type { BpmnProcessInfo };
export { bpmnProcesses };
