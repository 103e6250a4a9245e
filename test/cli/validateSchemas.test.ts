import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { kafkaBpmn } from '../support/bpmn.js';
import { captureIo } from './cliIo.js';

describe('Command: validate (schema strategies)', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-validate-schemas-'));
    file = join(dir, 'tickets.bpmn');
    await writeFile(
      file,
      kafkaBpmn({
        processId: 'tickets',
        kind: 'start',
        topic: 'tickets',
        servers: 'broker:9093',
        groupId: 'tickets',
        properties: {
          'schemaStrategy.type': 'schemaRegistry',
          'schemaStrategy.schemaType': 'json',
          'schemaStrategy.schemaRegistryUrl': 'https://registry.example.com',
          additionalProperties:
            '={"basic.auth.credentials.source": "USER_INFO", "basic.auth.user.info": "reader:{{secrets.SR_PASSWORD}}"}',
        },
      })
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints how values are decoded, and the SchemaRegistryConfig of the ESM request', async () => {
    const readable = captureIo();
    expect(await main(['validate', file], readable)).toBe(0);
    expect(readable.stdout.join('\n')).toContain(
      'values JSON Schema from the Confluent-compatible schema registry https://registry.example.com'
    );

    const io = captureIo();
    expect(await main(['validate', '--json', file], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));
    const esm = report.files[0].bindings[0].esm;
    expect(
      esm.request.SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig
    ).toEqual({
      SchemaRegistryURI: 'https://registry.example.com',
      EventRecordFormat: 'SOURCE',
      AccessConfigs: [
        {
          Type: 'BASIC_AUTH',
          URI: 'secret:kafka-inbound/tickets--KafkaStartEvent/schema_registry_basic_auth',
        },
      ],
      SchemaValidationConfigs: [{ Attribute: 'VALUE' }],
    });
    expect(JSON.stringify(report)).not.toContain('reader:');
  });
});
