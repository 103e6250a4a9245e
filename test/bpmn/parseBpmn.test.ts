import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBpmn } from '../../lib/bpmn/index.js';
import { buildBpmn, KAFKA, validProperties } from '../support/bpmn.js';

const kafka = validProperties();

describe('Function: parseBpmn', () => {
  it('classifies every kind of Kafka element with its message and attachment', async () => {
    // Prepare
    const xml = buildBpmn({
      id: 'order-process',
      elements: [
        { id: 'NoneStart', kind: 'noneStartEvent', properties: kafka },
        {
          id: 'Catch',
          kind: 'intermediateCatchEvent',
          properties: kafka,
          message: { id: 'M1', name: 'paid', correlationKey: '=orderId' },
        },
        {
          id: 'Boundary',
          kind: 'boundaryEvent',
          attachedTo: 'Work',
          properties: kafka,
          message: { id: 'M2', name: 'cancelled', correlationKey: '=orderId' },
        },
        {
          id: 'Receive',
          kind: 'receiveTask',
          properties: kafka,
          message: { id: 'M3', name: 'shipped', correlationKey: '=orderId' },
        },
      ],
    });

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(parsed.errors).toEqual([]);
    expect(
      parsed.elements.map((e) => ({
        id: e.elementId,
        kind: e.kind,
        messageName: e.messageName,
        messageRef: e.messageRef,
        key: e.subscriptionCorrelationKey,
        attachedToRef: e.attachedToRef,
      }))
    ).toEqual([
      {
        id: 'NoneStart',
        kind: 'noneStartEvent',
        messageName: undefined,
        messageRef: undefined,
        key: undefined,
        attachedToRef: undefined,
      },
      {
        id: 'Catch',
        kind: 'intermediateCatchEvent',
        messageName: 'paid',
        messageRef: 'M1',
        key: '=orderId',
        attachedToRef: undefined,
      },
      {
        id: 'Boundary',
        kind: 'boundaryEvent',
        messageName: 'cancelled',
        messageRef: 'M2',
        key: '=orderId',
        attachedToRef: 'Work',
      },
      {
        id: 'Receive',
        kind: 'receiveTask',
        messageName: 'shipped',
        messageRef: 'M3',
        key: '=orderId',
        attachedToRef: undefined,
      },
    ]);
  });

  it('finds Kafka elements in every process and in nested sub-processes of all kinds', async () => {
    // Prepare
    const catchIn = (id: string) => ({
      id,
      kind: 'intermediateCatchEvent' as const,
      properties: kafka,
      message: { name: `m-${id}`, correlationKey: '=k' },
    });
    const xml = buildBpmn(
      {
        id: 'first',
        containers: [
          {
            type: 'subProcess',
            id: 'Sub',
            elements: [catchIn('InSub')],
            containers: [
              {
                type: 'adHocSubProcess',
                id: 'AdHoc',
                elements: [catchIn('InAdHoc')],
              },
            ],
          },
          {
            type: 'eventSubProcess',
            id: 'Events',
            elements: [
              {
                id: 'EventStart',
                kind: 'messageStartEvent',
                properties: kafka,
                message: { name: 'cancel', correlationKey: '=k' },
              },
            ],
          },
        ],
      },
      {
        id: 'second',
        containers: [
          { type: 'transaction', id: 'Tx', elements: [catchIn('InTx')] },
        ],
      }
    );

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(parsed.errors).toEqual([]);
    expect(
      parsed.elements.map((e) => [
        e.processId,
        e.elementId,
        e.kind,
        e.inEventSubProcess ?? false,
      ])
    ).toEqual([
      ['first', 'InSub', 'intermediateCatchEvent', false],
      ['first', 'InAdHoc', 'intermediateCatchEvent', false],
      ['first', 'EventStart', 'messageStartEvent', true],
      ['second', 'InTx', 'intermediateCatchEvent', false],
    ]);
    expect(parsed.processes.map((p) => p.id)).toEqual(['first', 'second']);
  });

  it('reads the processes of a collaboration', async () => {
    // Prepare
    const xml = readFileSync(
      new URL('../fixtures/bpmn/valid/collaboration.bpmn', import.meta.url),
      'utf8'
    );

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(parsed.errors).toEqual([]);
    expect(parsed.processes).toEqual([
      { id: 'customer-process', name: 'Customer', isExecutable: false },
      { id: 'shop-process', name: 'Shop', isExecutable: true },
    ]);
    expect(parsed.elements.map((e) => [e.processId, e.elementId])).toEqual([
      ['shop-process', 'OrderReceived'],
    ]);
  });

  it('reads the template id and version', async () => {
    // Prepare
    const xml = buildBpmn({
      id: 'p',
      elements: [
        {
          id: 'S',
          kind: 'noneStartEvent',
          properties: kafka,
          template: {
            id: 'io.camunda.connectors.inbound.KAFKA.v1',
            version: 5,
          },
        },
      ],
    });

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(parsed.elements[0]?.template).toEqual({
      id: 'io.camunda.connectors.inbound.KAFKA.v1',
      version: 5,
    });
  });

  it('keeps the first of duplicate property names and warns', async () => {
    // Prepare
    const xml = buildBpmn({
      id: 'p',
      elements: [
        {
          id: 'S',
          kind: 'noneStartEvent',
          properties: [
            ['inbound.type', KAFKA],
            ['topic.topicName', 'first'],
            ['topic.topicName', 'second'],
          ],
        },
      ],
    });

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(parsed.elements[0]?.properties['topic.topicName']).toBe('first');
    expect(parsed.warnings).toEqual([
      expect.objectContaining({ elementId: 'S', property: 'topic.topicName' }),
    ]);
  });

  it('decodes attribute entities as Camunda Modeler writes them', async () => {
    // Prepare
    const xml = buildBpmn({
      id: 'p',
      elements: [
        {
          id: 'S',
          kind: 'noneStartEvent',
          properties: [
            ['inbound.type', KAFKA],
            ['resultExpression', '={\n  "a": value.a < 1 & true\n}'],
          ],
        },
      ],
    });

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(xml).toContain('&#34;a&#34;');
    expect(parsed.elements[0]?.properties.resultExpression).toBe(
      '={\n  "a": value.a < 1 & true\n}'
    );
  });

  it('ignores elements whose inbound.type is another connector', async () => {
    // Prepare
    const xml = buildBpmn({
      id: 'p',
      elements: [
        {
          id: 'S',
          kind: 'noneStartEvent',
          properties: [['inbound.type', 'io.camunda:webhook:1']],
        },
      ],
    });

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(parsed.elements).toEqual([]);
    expect(parsed.warnings).toEqual([
      { message: expect.stringContaining('no Kafka elements') },
    ]);
  });

  it('warns about unknown BPMN elements and keeps going', async () => {
    // Prepare
    const xml = buildBpmn({
      id: 'p',
      elements: [{ id: 'S', kind: 'noneStartEvent', properties: kafka }],
    }).replace('</bpmn:process>', '<bpmn:teleport id="T" /></bpmn:process>');

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(parsed.errors).toEqual([]);
    expect(parsed.elements).toHaveLength(1);
    expect(parsed.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^<bpmn:teleport> was ignored \(line \d+, column \d+\)/
        ),
      },
    ]);
  });

  it('returns an error instead of throwing for input that is not text', async () => {
    // Act
    const parsed = await parseBpmn(42 as unknown as string);

    // Assess
    expect(parsed.errors).toEqual([{ message: 'the input is not text' }]);
  });
});
