import { describe, expect, it } from 'vitest';
import { checkXmlSafety } from '../../lib/bpmn/checkXmlSafety.js';
import {
  BpmnEmptyInputError,
  BpmnInputTooLargeError,
  BpmnNotBpmnError,
  BpmnNotXmlError,
  BpmnTooDeepError,
  BpmnUnsafeXmlError,
} from '../../lib/bpmn/index.js';

const limits = { maxBytes: 10_000, maxDepth: 8 };
const NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const defs = (inner = '') =>
  `<bpmn:definitions xmlns:bpmn="${NS}" id="d">${inner}</bpmn:definitions>`;

describe('Function: checkXmlSafety', () => {
  it.each([
    { case: 'prefixed root', xml: defs() },
    { case: 'default namespace root', xml: `<definitions xmlns="${NS}"/>` },
    {
      case: 'BOM and declaration',
      xml: `\uFEFF<?xml version="1.0"?>\n${defs()}`,
    },
    {
      case: 'DOCTYPE text inside a comment',
      xml: defs('<!-- <!DOCTYPE x> -->'),
    },
    {
      case: 'DOCTYPE text inside CDATA',
      xml: defs('<a><![CDATA[<!ENTITY x "y">]]></a>'),
    },
    { case: '">" inside an attribute', xml: defs('<a b="x > y" />') },
    {
      case: 'nesting at the limit',
      xml: defs('<a><b><c><d><e><f><g></g></f></e></d></c></b></a>'),
    },
  ])('accepts $case', ({ xml }) => {
    // Act & Assess
    expect(() => checkXmlSafety(xml, limits)).not.toThrow();
  });

  it.each([
    {
      case: 'too large',
      xml: defs('x'.repeat(10_001)),
      error: BpmnInputTooLargeError,
    },
    {
      case: 'multi-byte text over the limit',
      xml: defs('ü'.repeat(5_000)),
      error: BpmnInputTooLargeError,
    },
    { case: 'empty', xml: '', error: BpmnEmptyInputError },
    { case: 'blank', xml: ' \n\t', error: BpmnEmptyInputError },
    { case: 'text', xml: 'hello', error: BpmnNotXmlError },
    {
      case: 'an unterminated comment',
      xml: `${defs()}<!-- `,
      error: BpmnNotXmlError,
    },
    {
      case: 'an unterminated tag',
      xml: `<bpmn:definitions xmlns:bpmn="${NS}"`,
      error: BpmnNotXmlError,
    },
    {
      case: 'only a declaration',
      xml: '<?xml version="1.0"?>',
      error: BpmnNotXmlError,
    },
    {
      case: 'a DOCTYPE',
      xml: `<!DOCTYPE d>${defs()}`,
      error: BpmnUnsafeXmlError,
    },
    {
      case: 'an ENTITY after the root',
      xml: defs('<!ENTITY x "y">'),
      error: BpmnUnsafeXmlError,
    },
    {
      case: 'a lowercase doctype',
      xml: `<!doctype d>${defs()}`,
      error: BpmnUnsafeXmlError,
    },
    {
      case: 'another root',
      xml: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      error: BpmnNotBpmnError,
    },
    {
      case: 'definitions without namespace',
      xml: '<definitions/>',
      error: BpmnNotBpmnError,
    },
    {
      case: 'too deep',
      xml: defs('<a><b><c><d><e><f><g><h></h></g></f></e></d></c></b></a>'),
      error: BpmnTooDeepError,
    },
  ])('refuses $case', ({ xml, error }) => {
    // Act & Assess
    expect(() => checkXmlSafety(xml, limits)).toThrow(error);
  });

  it('names the declaration it refused', () => {
    // Act
    const act = () =>
      checkXmlSafety(
        `<!ENTITY x SYSTEM "file:///etc/passwd">${defs()}`,
        limits
      );

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        declaration: 'ENTITY',
        name: 'BpmnUnsafeXmlError',
      })
    );
  });
});
