import { describe, expect, it } from 'vitest';
import { parseBootstrapServers } from '../../lib/binding/index.js';

describe('Function: parseBootstrapServers', () => {
  it.each([
    { raw: 'localhost:9092', servers: ['localhost:9092'] },
    {
      raw: 'b-1.msk.eu-west-1.amazonaws.com:9098, b-2.msk.eu-west-1.amazonaws.com:9098',
      servers: [
        'b-1.msk.eu-west-1.amazonaws.com:9098',
        'b-2.msk.eu-west-1.amazonaws.com:9098',
      ],
    },
    {
      raw: '10.0.0.1:9092,[::1]:9093,',
      servers: ['10.0.0.1:9092', '[::1]:9093'],
    },
    {
      raw: '{{secrets.KAFKA_SERVERS}}',
      servers: ['{{secrets.KAFKA_SERVERS}}'],
    },
  ])('splits $raw', ({ raw, servers }) => {
    // Assess
    expect(parseBootstrapServers(raw)).toEqual({ ok: true, value: servers });
  });

  it.each([
    { raw: '', message: 'are empty' },
    { raw: 'localhost', message: 'has no port' },
    { raw: 'host:0', message: 'is not a port number' },
    { raw: 'host:abc', message: 'is not a port number' },
    { raw: 'a:1,,b:2', message: 'two commas' },
    { raw: 'bad_host!:9092', message: 'is not a valid host name' },
  ])('refuses $raw', ({ raw, message }) => {
    // Act
    const result = parseBootstrapServers(raw);

    // Assess
    expect(!result.ok && result.message).toContain(message);
  });
});
