import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildEsmPlan, withSecretArns } from '../../lib/esm/index.js';
import {
  deployedFactory,
  esmBindingFactory,
  MSK_ARN,
  MSK_BROKER,
  platformFactory,
} from '../support/factories/index.js';

const REGISTRY = 'https://registry.example.com:8081';
const GLUE = 'arn:aws:glue:eu-west-1:111122223333:registry/orders';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
const BASE = 'kafka-inbound/order-process-kafka-start';

const registryBinding = (
  clientProperties: Record<string, string> = {},
  url = REGISTRY,
  schemaType: 'avro' | 'json' = 'avro'
) =>
  esmBindingFactory({
    schema: { type: 'schemaRegistry', schemaType, schemaRegistryUrl: url },
    clientProperties,
  });

/** The Lambda API model (botocore, installed with moto) of the shapes used. */
const lambdaModel = ():
  | { shapes: Record<string, Record<string, unknown>> }
  | undefined => {
  let dir: string;
  try {
    dir = execFileSync(
      'python3',
      ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'],
      { encoding: 'utf8' }
    ).trim();
  } catch {
    return undefined;
  }
  const file = join(dir, 'data/lambda/2015-03-31/service-2.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  if (existsSync(`${file}.gz`)) {
    return JSON.parse(gunzipSync(readFileSync(`${file}.gz`)).toString('utf8'));
  }
  return undefined;
};

describe('Function: buildEsmPlan (schema registries)', () => {
  it('sets SchemaRegistryConfig on a provisioned self-managed ESM: SOURCE format, value validation, BASIC_AUTH from basic.auth.user.info', () => {
    const plan = buildEsmPlan(
      deployedFactory(
        registryBinding({
          'basic.auth.credentials.source': 'USER_INFO',
          'basic.auth.user.info': 'reader:{{secrets.SR_PASSWORD}}',
        })
      ),
      platformFactory()
    );

    expect(plan.errors).toEqual([]);
    expect(plan.request.SelfManagedKafkaEventSourceConfig).toEqual({
      ConsumerGroupId: 'kafka-inbound-order-process',
      SchemaRegistryConfig: {
        SchemaRegistryURI: REGISTRY,
        EventRecordFormat: 'SOURCE',
        AccessConfigs: [
          {
            Type: 'BASIC_AUTH',
            URI: `secret:${BASE}/schema_registry_basic_auth`,
          },
        ],
        SchemaValidationConfigs: [{ Attribute: 'VALUE' }],
      },
    });
    expect(plan.secrets).toContainEqual({
      name: `${BASE}/schema_registry_basic_auth`,
      accessType: 'BASIC_AUTH',
      fields: { username: 'reader', password: '{{secrets.SR_PASSWORD}}' },
    });
    expect(plan.warnings.map((w) => w.property)).not.toContain(
      'basic.auth.user.info'
    );
  });

  it('takes user info out of the registry URL (the default credentials source) and carries TLS material', () => {
    const plan = buildEsmPlan(
      deployedFactory(
        registryBinding(
          {
            'schema.registry.ssl.keystore.certificate.chain': CERT,
            'schema.registry.ssl.keystore.key': KEY,
            'schema.registry.ssl.key.password': 'kp',
          },
          'https://reader:pa%40ss@registry.example.com:8081'
        )
      ),
      platformFactory()
    );

    expect(plan.errors).toEqual([]);
    const registry =
      plan.request.SelfManagedKafkaEventSourceConfig?.SchemaRegistryConfig;
    expect(registry?.SchemaRegistryURI).toBe(REGISTRY);
    expect(registry?.AccessConfigs?.map((a) => a.Type)).toEqual([
      'BASIC_AUTH',
      'CLIENT_CERTIFICATE_TLS_AUTH',
    ]);
    expect(plan.secrets.map((s) => s.fields)).toEqual([
      { username: 'reader', password: 'pa@ss' },
      { certificate: CERT, privateKey: KEY, privateKeyPassword: 'kp' },
    ]);
  });

  it('puts the registry on an MSK ESM’s AmazonManagedKafkaEventSourceConfig', () => {
    const binding = esmBindingFactory({
      bootstrapServers: [`${MSK_BROKER}:9098`],
      schema: {
        type: 'schemaRegistry',
        schemaType: 'json',
        schemaRegistryUrl: REGISTRY,
      },
    });
    const plan = buildEsmPlan(deployedFactory(binding), platformFactory());
    expect(plan.request.EventSourceArn).toBe(MSK_ARN);
    expect(
      plan.request.AmazonManagedKafkaEventSourceConfig?.SchemaRegistryConfig
    ).toEqual({
      SchemaRegistryURI: REGISTRY,
      EventRecordFormat: 'SOURCE',
      SchemaValidationConfigs: [{ Attribute: 'VALUE' }],
    });
  });

  it('lets the ESM decode a Glue registry into JSON, without access configurations', () => {
    const plan = buildEsmPlan(
      deployedFactory(registryBinding({}, GLUE)),
      platformFactory()
    );
    expect(plan.errors).toEqual([]);
    expect(
      plan.request.SelfManagedKafkaEventSourceConfig?.SchemaRegistryConfig
    ).toEqual({
      SchemaRegistryURI: GLUE,
      EventRecordFormat: 'JSON',
      SchemaValidationConfigs: [{ Attribute: 'VALUE' }],
    });
  });

  it('says who decodes on an on-demand ESM, and refuses Glue there', () => {
    const onDemand = platformFactory({ esmMode: 'onDemand' });
    const confluent = buildEsmPlan(
      deployedFactory(registryBinding(), { esmMode: 'onDemand' }),
      onDemand
    );
    expect(confluent.errors).toEqual([]);
    expect(
      confluent.request.SelfManagedKafkaEventSourceConfig?.SchemaRegistryConfig
    ).toBeUndefined();
    expect(confluent.warnings).toContainEqual({
      property: 'schemaStrategy.schemaRegistryUrl',
      message: expect.stringMatching(
        /only in provisioned mode: .*the consumer function decodes them itself, fetching schemas from https:\/\/registry\.example\.com:8081/
      ),
    });
    const glue = buildEsmPlan(
      deployedFactory(registryBinding({}, GLUE), { esmMode: 'onDemand' }),
      onDemand
    );
    expect(glue.errors).toContainEqual({
      property: 'schemaStrategy.schemaRegistryUrl',
      message: expect.stringMatching(/decoded only by a provisioned-mode ESM/),
    });
  });

  it('refuses what cannot be carried: three access configurations, bearer tokens, files, a URL the ESM does not accept', () => {
    const three = buildEsmPlan(
      deployedFactory(
        registryBinding({
          'basic.auth.credentials.source': 'USER_INFO',
          'basic.auth.user.info': 'u:p',
          'schema.registry.ssl.keystore.certificate.chain': CERT,
          'schema.registry.ssl.keystore.key': KEY,
          'schema.registry.ssl.truststore.certificates': CERT,
        })
      ),
      platformFactory()
    );
    expect((three.errors ?? []).map((e) => e.message).join()).toMatch(
      /at most 2 registry access configurations/
    );
    const bearer = buildEsmPlan(
      deployedFactory(registryBinding({ 'bearer.auth.token': 't' })),
      platformFactory()
    );
    expect(bearer.errors).toContainEqual({
      property: 'bearer.auth.token',
      message: expect.stringMatching(/bearer-token authentication/),
    });
    const file = buildEsmPlan(
      deployedFactory(
        registryBinding({
          'schema.registry.ssl.truststore.location': '/ca.jks',
        })
      ),
      platformFactory()
    );
    expect((file.errors ?? []).map((e) => e.property)).toContain(
      'schema.registry.ssl.truststore.location'
    );
    const query = buildEsmPlan(
      deployedFactory(registryBinding({}, 'https://registry.example.com/?x=1')),
      platformFactory()
    );
    expect((query.errors ?? []).map((e) => e.message).join()).toMatch(
      /at most 10000 characters of/
    );
  });

  it('replaces the registry secret placeholders with ARNs', () => {
    const plan = buildEsmPlan(
      deployedFactory(
        registryBinding({
          'basic.auth.credentials.source': 'USER_INFO',
          'basic.auth.user.info': 'u:p',
        })
      ),
      platformFactory()
    );
    const arn = `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${BASE}/schema_registry_basic_auth-AbCdEf`;
    const done = withSecretArns(plan, {
      [`${BASE}/schema_registry_basic_auth`]: arn,
    });
    expect(
      done.request.SelfManagedKafkaEventSourceConfig?.SchemaRegistryConfig
        ?.AccessConfigs
    ).toEqual([{ Type: 'BASIC_AUTH', URI: arn }]);
  });

  it('uses only members, enum values and patterns of the Lambda API model (botocore)', () => {
    const model = lambdaModel();
    if (model === undefined) {
      throw new Error('botocore (installed with moto) is needed for this test');
    }
    const { shapes } = model;
    const plan = buildEsmPlan(
      deployedFactory(
        registryBinding({
          'basic.auth.credentials.source': 'USER_INFO',
          'basic.auth.user.info': 'u:p',
          'schema.registry.ssl.truststore.certificates': CERT,
        })
      ),
      platformFactory()
    );
    const config =
      plan.request.SelfManagedKafkaEventSourceConfig?.SchemaRegistryConfig ??
      {};
    const members = (name: string) =>
      Object.keys((shapes[name]?.members as object) ?? {});
    const enumOf = (name: string) => shapes[name]?.enum as string[];
    expect(members('SelfManagedKafkaEventSourceConfig')).toContain(
      'SchemaRegistryConfig'
    );
    expect(members('KafkaSchemaRegistryConfig')).toEqual(
      expect.arrayContaining(Object.keys(config))
    );
    expect(enumOf('SchemaRegistryEventRecordFormat')).toContain(
      config.EventRecordFormat
    );
    for (const access of config.AccessConfigs ?? []) {
      expect(enumOf('KafkaSchemaRegistryAuthType')).toContain(access.Type);
    }
    for (const validation of config.SchemaValidationConfigs ?? []) {
      expect(enumOf('KafkaSchemaValidationAttribute')).toContain(
        validation.Attribute
      );
    }
    const uri = shapes.SchemaRegistryUri as { pattern: string; max: number };
    expect(config.SchemaRegistryURI).toMatch(
      new RegExp(`^(?:${uri.pattern})$`)
    );
    expect(GLUE).toMatch(new RegExp(`^(?:${uri.pattern})$`));
  });
});
