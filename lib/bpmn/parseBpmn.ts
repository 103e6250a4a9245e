import { BpmnModdle, type ModdleWarning } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with {
  type: 'json',
};
import { describeError } from '../common/index.js';
import { checkXmlSafety } from './checkXmlSafety.js';
import {
  BPMN_LIMITS,
  INBOUND_TYPE_PROPERTY,
  KAFKA_INBOUND_TYPE,
} from './constants.js';
import { BpmnInputError } from './errors.js';
import { findKafkaElements } from './findKafkaElements.js';
import { isNode, typeOf } from './moddleAccess.js';
import type { ParseBpmnOptions, ParsedBpmn, Problem } from './types.js';

// One moddle per module: building its type registry costs more than parsing
// a typical file, and fromXML keeps no state between calls.
let moddle: BpmnModdle | undefined;
const getModdle = (): BpmnModdle => {
  moddle ??= new BpmnModdle({ zeebe });
  return moddle;
};

const failed = (message: string): ParsedBpmn => ({
  processes: [],
  elements: [],
  warnings: [],
  errors: [{ message }],
});

/** `line: 5` / `column: 1` from a moddle-xml message, as ` (line 5, column 1)`. */
const position = (message: string): string => {
  const line = /line: (\d+)/.exec(message)?.[1];
  const column = /column: (\d+)/.exec(message)?.[1];
  if (!line) return '';
  return column ? ` (line ${line}, column ${column})` : ` (line ${line})`;
};

/**
 * A moddle warning as a problem: duplicate ids and unresolved references in
 * the process model are errors (Camunda rejects such a deployment); unknown
 * elements and unresolved diagram references are warnings.
 */
const toProblem = (
  warning: ModdleWarning
): { kind: 'error' | 'warning'; problem: Problem } => {
  const nested = describeError(warning.error ?? '');
  const duplicate = /duplicate ID <(.*)>/.exec(nested);
  if (duplicate) {
    const elementId = duplicate[1] ?? '';
    return {
      kind: 'error',
      problem: {
        elementId,
        message: `two elements have the id "${elementId}"${position(warning.message)}; ids must be unique in a file`,
      },
    };
  }
  const unresolved = /^unresolved reference <(.*)>/.exec(warning.message);
  if (unresolved) {
    const elementType = warning.element?.$type ?? '';
    const property = warning.property?.replace(/^\w+:/, '');
    const diagram = /^(bpmndi|di|dc):/.test(elementType);
    // An event definition has its own id; the person knows the event's id.
    const owner = /EventDefinition$/.test(elementType)
      ? (warning.element?.$parent ?? warning.element)
      : warning.element;
    return {
      kind: diagram ? 'warning' : 'error',
      problem: {
        ...(owner?.id ? { elementId: owner.id } : {}),
        ...(property ? { property } : {}),
        message: `${property ?? 'a reference'} points to "${unresolved[1]}", which is not in the file`,
      },
    };
  }
  const unknown = /^unparsable content <([^>]*)> detected/.exec(
    warning.message
  );
  if (unknown) {
    return {
      kind: 'warning',
      problem: {
        message: `<${unknown[1]}> was ignored${position(warning.message)}: ${nested || 'not understood'}`,
      },
    };
  }
  return {
    kind: 'warning',
    problem: { message: warning.message.split('\n')[0] ?? warning.message },
  };
};

/**
 * Read a BPMN file and find its Kafka elements. Never throws for bad input:
 * every problem comes back in `errors` / `warnings`.
 *
 * The XML is checked before parsing: DTDs and entity declarations are refused
 * (nothing external is read, nothing is expanded), as are files over
 * `maxBytes` (default 2 MiB), empty or non-XML input, a root other than
 * `bpmn:definitions` and nesting deeper than `maxDepth`.
 *
 * @param xml - the BPMN file content
 * @param options - size and depth limits
 * @example
 * const parsed = await parseBpmn(await readFile('order.bpmn', 'utf8'));
 * for (const element of parsed.elements) console.log(element.elementId, element.kind);
 */
const parseBpmn = async (
  xml: string,
  options: ParseBpmnOptions = {}
): Promise<ParsedBpmn> => {
  if (typeof xml !== 'string') return failed('the input is not text');
  try {
    checkXmlSafety(xml, {
      maxBytes: options.maxBytes ?? BPMN_LIMITS.maxBytes,
      maxDepth: options.maxDepth ?? BPMN_LIMITS.maxDepth,
    });
  } catch (error) {
    if (error instanceof BpmnInputError) return failed(error.message);
    throw error;
  }
  let parsed: Awaited<ReturnType<BpmnModdle['fromXML']>>;
  try {
    parsed = await getModdle().fromXML(xml);
  } catch (error) {
    const message = describeError(error);
    const nested = /nested error: (.*)/.exec(message)?.[1];
    return failed(
      `not a readable BPMN file${position(message)}: ${nested ?? message.split('\n')[0]}`
    );
  }
  const root = parsed.rootElement;
  if (!isNode(root) || typeOf(root) !== 'bpmn:Definitions') {
    return failed(
      'not a BPMN file: the root element is not <bpmn:definitions>'
    );
  }
  const found = findKafkaElements(root);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const warning of parsed.warnings) {
    const { kind, problem } = toProblem(warning);
    (kind === 'error' ? errors : warnings).push(problem);
  }
  errors.push(...found.errors);
  warnings.push(...found.warnings);
  if (found.candidates === 0) {
    warnings.push({
      message: `no Kafka elements: no element has the property ${INBOUND_TYPE_PROPERTY} = ${KAFKA_INBOUND_TYPE}`,
    });
  }
  return {
    processes: found.processes,
    elements: found.elements,
    warnings,
    errors,
  };
};

export { parseBpmn };
