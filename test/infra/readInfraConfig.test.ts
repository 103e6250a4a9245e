import { describe, expect, it } from 'vitest';
import { readInfraConfig } from '../../infra/readInfraConfig.js';

describe('Function: readInfraConfig', () => {
  it.each([
    {
      kind: 'an object',
      context: { camunda: { restAddress: 'https://c.example.com' } },
    },
    {
      kind: 'a JSON string',
      context: '{"camunda":{"restAddress":"https://c.example.com"}}',
    },
  ])('reads the stack props from $kind with app defaults', ({ context }) => {
    // Act
    const config = readInfraConfig(context);

    // Assess
    expect(config).toEqual({
      stackName: 'KafkaInbound',
      staticProcesses: [],
      nag: true,
      stackProps: { camunda: { restAddress: 'https://c.example.com' } },
    });
  });

  it('keeps app options out of the stack props', () => {
    // Act
    const config = readInfraConfig({
      stackName: 'Inbound',
      staticProcesses: ['examples/order.bpmn'],
      nag: false,
      esmMode: 'onDemand',
      camunda: { restAddress: 'https://c.example.com' },
    });

    // Assess
    expect(config.stackName).toBe('Inbound');
    expect(config.staticProcesses).toEqual(['examples/order.bpmn']);
    expect(config.nag).toBe(false);
    expect(config.stackProps).toEqual({
      esmMode: 'onDemand',
      camunda: { restAddress: 'https://c.example.com' },
    });
  });

  it.each([
    { context: undefined, key: 'kafka-inbound' },
    { context: '{not json', key: 'kafka-inbound' },
    { context: { camunda: {} }, key: 'kafka-inbound.camunda.restAddress' },
    {
      context: { camunda: { restAddress: 'x' }, staticProcesses: 'a.bpmn' },
      key: 'kafka-inbound.staticProcesses',
    },
  ])('throws InfraConfigError naming $key', ({ context, key }) => {
    // Act & Assess
    expect(() => readInfraConfig(context)).toThrow(
      expect.objectContaining({ name: 'InfraConfigError', key })
    );
  });
});
