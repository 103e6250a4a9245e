import { NAMESPACES } from './constants.js';
import {
  BpmnEmptyInputError,
  BpmnInputTooLargeError,
  BpmnNotBpmnError,
  BpmnNotXmlError,
  BpmnTooDeepError,
  BpmnUnsafeXmlError,
} from './errors.js';

/** Limits for {@link checkXmlSafety}. */
interface XmlSafetyLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

const skipPast = (xml: string, from: number, end: string, what: string) => {
  const at = xml.indexOf(end, from);
  if (at < 0) throw new BpmnNotXmlError(`unterminated ${what}`);
  return at + end.length;
};

/** Index just after the `>` that closes the tag starting at `from`, skipping quoted values. */
const endOfTag = (xml: string, from: number): number => {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  throw new BpmnNotXmlError('unterminated tag');
};

const checkRoot = (tag: string): void => {
  const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
  const colon = name.indexOf(':');
  const prefix = colon >= 0 ? name.slice(0, colon) : '';
  const local = colon >= 0 ? name.slice(colon + 1) : name;
  const xmlnsName = prefix ? `xmlns:${prefix}` : 'xmlns';
  const escaped = xmlnsName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ns = new RegExp(`\\s${escaped}\\s*=\\s*(["'])(.*?)\\1`).exec(tag)?.[2];
  if (local !== 'definitions' || ns !== NAMESPACES.bpmn) {
    throw new BpmnNotBpmnError(
      `the root element is <${name}>${ns ? ` in namespace ${ns}` : ''}, ` +
        `expected <bpmn:definitions> in namespace ${NAMESPACES.bpmn}`
    );
  }
};

/**
 * Refuse XML that must not reach the parser: too large, empty, not XML, any
 * DTD or entity declaration (external entities, expansion bombs), a root
 * other than `bpmn:definitions`, or nesting deeper than the limit.
 *
 * A linear scan over the text; nothing is expanded or fetched.
 *
 * @param xml - the file content
 * @param limits - size and depth limits
 * @throws BpmnInputError (a subclass naming the problem)
 */
const checkXmlSafety = (xml: string, limits: XmlSafetyLimits): void => {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new BpmnInputTooLargeError(bytes, limits.maxBytes);
  }
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < xml.length && /\s/.test(xml[i] ?? '')) i++;
  if (i >= xml.length) throw new BpmnEmptyInputError();
  if (xml[i] !== '<') {
    throw new BpmnNotXmlError('it does not start with "<"');
  }
  if (xml.includes('\0')) {
    throw new BpmnNotXmlError('it contains binary data (a NUL character)');
  }
  let depth = 0;
  let seenRoot = false;
  for (;;) {
    const at = xml.indexOf('<', i);
    if (at < 0) break;
    if (xml.startsWith('<!--', at)) {
      i = skipPast(xml, at + 4, '-->', 'comment');
    } else if (xml.startsWith('<![CDATA[', at)) {
      i = skipPast(xml, at + 9, ']]>', 'CDATA section');
    } else if (xml.startsWith('<?', at)) {
      i = skipPast(xml, at + 2, '?>', 'processing instruction');
    } else if (xml.startsWith('<!', at)) {
      const keyword = /^<!([A-Za-z]*)/.exec(xml.slice(at, at + 20))?.[1];
      throw new BpmnUnsafeXmlError(keyword ? keyword.toUpperCase() : '');
    } else if (xml.startsWith('</', at)) {
      i = endOfTag(xml, at);
      depth--;
    } else {
      i = endOfTag(xml, at);
      if (!seenRoot) {
        checkRoot(xml.slice(at, i));
        seenRoot = true;
      }
      if (xml[i - 2] !== '/') {
        depth++;
        if (depth > limits.maxDepth)
          throw new BpmnTooDeepError(limits.maxDepth);
      }
    }
  }
  if (!seenRoot) throw new BpmnNotXmlError('it has no root element');
};

export type { XmlSafetyLimits };
export { checkXmlSafety };
