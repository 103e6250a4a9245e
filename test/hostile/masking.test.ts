import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { captureIo } from '../cli/cliIo.js';
import {
  type ProvisionerTestEnv,
  REGION,
  startProvisionerEnv,
} from '../functions/helpers/provisionerEnv.js';
import { bpmnXml } from '../support/bpmn.js';

/** One credential shape a user can type into a BPMN file. */
interface Shape {
  readonly name: string;
  /** The literal credential; must never be printed or stored. */
  readonly secret: string;
  readonly xml: (secret: string) => string;
  /** Whether `validate` finds the file valid. */
  readonly valid: boolean;
  /** Whether the provisioner applies it (default: valid). */
  readonly applied?: boolean;
}

const element = (
  id: string,
  spec: { additional?: Record<string, string>; servers?: string } = {}
) =>
  bpmnXml({ id, elements: [{ id: `${id}Start`, topic: 'orders', ...spec }] });

const SHAPES: readonly Shape[] = [
  {
    name: '*.passphrase properties',
    secret: 'Passphrase-1a2b',
    xml: (secret) =>
      element('passphrase', {
        additional: {
          'ssl.keystore.passphrase': secret,
          'ssl.key.passphrase': secret,
          'my.custom.passphrase': secret,
        },
      }),
    valid: true,
  },
  {
    name: 'user info in a schema-registry URL',
    secret: 'RegistrySecret-3c4d',
    xml: (secret) =>
      element('registry').replace(
        'name="schemaStrategy.type" value="noSchema" />',
        `name="schemaStrategy.type" value="schemaRegistry" />\n          <zeebe:property name="schemaStrategy.schemaRegistryUrl" value="https://API-KEY:${secret}@registry.example:8081" />`
      ),
    valid: true,
  },
  {
    name: 'a JAAS line whose username contains password=',
    secret: 'JaasPassword-5e6f',
    xml: (secret) =>
      element('jaas', {
        additional: {
          'security.protocol': 'SASL_SSL',
          'sasl.mechanism': 'PLAIN',
          'sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required username="password=" password="${secret}";`,
        },
      }),
    valid: true,
  },
  {
    name: 'an OAUTHBEARER clientSecret=',
    secret: 'OauthClientSecret-7a8b',
    xml: (secret) =>
      element('oauth', {
        additional: {
          'security.protocol': 'SASL_SSL',
          'sasl.mechanism': 'OAUTHBEARER',
          'sasl.jaas.config': `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="inbound" clientSecret="${secret}";`,
        },
      }),
    valid: true,
    // A Lambda ESM has no OAUTHBEARER: the provisioner refuses the file.
    applied: false,
  },
  {
    name: 'SASL_SSL://user:pw@host in the bootstrap servers (echoed by the error)',
    secret: 'ServerPassword-9c0d',
    xml: (secret) =>
      element('servers', { servers: `SASL_SSL://app:${secret}@broker-1:9092` }),
    valid: false,
  },
  {
    name: 'user:pw@host in the bootstrap servers',
    secret: 'BarePassword-1e2f',
    xml: (secret) =>
      element('bare', { servers: `app:${secret}@broker-1:9092,broker-2:9092` }),
    valid: false,
  },
];

/** The forms a secret could be printed or stored in. */
const formsOf = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(secret).toString('base64').slice(0, 12),
  secret.slice(0, -2),
];

const leaks = (text: string, secret: string): string[] =>
  formsOf(secret).filter((form) => text.includes(form));

describe('What validate, the binding table and status show: every credential shape masked, names escaped', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostile-masking-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('kafka-inbound validate', () => {
    it.each(SHAPES)(
      'never prints $name (JSON and readable)',
      async ({ name, secret, xml, valid }) => {
        // Prepare
        const file = join(dir, `${name.replace(/\W+/g, '-')}.bpmn`);
        await writeFile(file, xml(secret));

        // Act
        const outputs: string[] = [];
        const codes: number[] = [];
        for (const args of [
          ['validate', '--json', file],
          ['validate', file],
        ]) {
          const io = captureIo();
          codes.push(await main(args, io));
          outputs.push([...io.stdout, ...io.stderr].join('\n'));
        }

        // Assess: the file went through the path intended, nothing leaked.
        expect(codes).toEqual(valid ? [0, 0] : [1, 1]);
        const report = JSON.parse(outputs[0] ?? '{}');
        expect(report.files[0].bindings).toHaveLength(valid ? 1 : 0);
        expect(outputs.join('\n')).toContain('***');
        for (const output of outputs) expect(leaks(output, secret)).toEqual([]);
      }
    );
  });

  describe('provisioner (binding table, status records) and kafka-inbound status', () => {
    let aws: ProvisionerTestEnv;

    beforeAll(async () => {
      aws = await startProvisionerEnv();
    });

    afterAll(async () => {
      await aws?.stop();
    });

    beforeEach(async () => {
      await aws.reset();
    });

    it.each(SHAPES)(
      'never stores or prints $name',
      async ({ name, secret, xml, valid, applied = valid }) => {
        // Prepare
        const key = `${name.replace(/\W+/g, '-').slice(0, 40)}.bpmn`;
        const version = await aws.upload(key, xml(secret));

        // Act
        const result = await aws.handler()(
          aws.notification('created', key, version),
          aws.context()
        );
        const items = JSON.stringify([...(await aws.items()).values()]);
        const saved = { ...process.env };
        const outputs: string[] = [];
        try {
          Object.assign(process.env, {
            AWS_ENDPOINT_URL: aws.moto.endpoint,
            AWS_ACCESS_KEY_ID: aws.moto.clientConfig.credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY:
              aws.moto.clientConfig.credentials.secretAccessKey,
            AWS_REGION: REGION,
          });
          for (const json of [[], ['--json']]) {
            const io = captureIo({ AWS_REGION: REGION });
            await main(
              ['status', ...json, '--table', aws.env.BINDING_TABLE_NAME ?? ''],
              io
            );
            outputs.push([...io.stdout, ...io.stderr].join('\n'));
          }
        } finally {
          for (const name of Object.keys(process.env)) {
            if (!(name in saved)) delete process.env[name];
          }
          Object.assign(process.env, saved);
        }

        // Assess: applied (a binding item) or rejected (errors stored).
        expect(result.outcomes[0]?.outcome.kind).toBe(
          applied ? 'applied' : 'rejected'
        );
        expect(items).toContain(applied ? 'BINDING#' : '"errors"');
        expect(outputs.join('\n')).toContain(applied ? 'binding' : 'ERRORS');
        expect(leaks(items, secret)).toEqual([]);
        for (const output of outputs) expect(leaks(output, secret)).toEqual([]);
      }
    );

    it('status escapes what the table holds: an S3 key with a bidi override, a topic with ESC[2J', async () => {
      // Prepare
      const key = 'orders\u202egnp.bpmn';
      const version = await aws.upload(
        key,
        element('terminal').replace(
          'value="orders"',
          'value="ord&#27;[2J&#27;]0;owned&#7;ers"'
        )
      );
      await aws.handler()(
        aws.notification('created', key, version),
        aws.context()
      );
      const saved = { ...process.env };
      const io = captureIo({ AWS_REGION: REGION });

      // Act
      try {
        Object.assign(process.env, {
          AWS_ENDPOINT_URL: aws.moto.endpoint,
          AWS_ACCESS_KEY_ID: aws.moto.clientConfig.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY:
            aws.moto.clientConfig.credentials.secretAccessKey,
          AWS_REGION: REGION,
        });
        await main(['status', '--table', aws.env.BINDING_TABLE_NAME ?? ''], io);
      } finally {
        for (const name of Object.keys(process.env)) {
          if (!(name in saved)) delete process.env[name];
        }
        Object.assign(process.env, saved);
      }

      // Assess
      const text = io.stdout.join('\n');
      expect(text).toContain('orders\\u202egnp.bpmn');
      expect(text).toContain('ord\\x1b[2J\\x1b]0;owned\\x07ers');
      expect(text).not.toMatch(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be there
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/
      );
    });
  });
});
