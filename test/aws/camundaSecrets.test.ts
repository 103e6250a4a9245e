import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import {
  CamundaSecretInvalidError,
  CamundaSecretUnavailableError,
  camundaSecrets,
} from '../../lib/aws/index.js';
import { type Moto, startMoto } from '../support/moto.js';

const SECRET_VALUE = 's3cr3t-client-value';

describe('Function: camundaSecrets', () => {
  let moto: Moto;
  let client: SecretsManagerClient;
  let secretArn: string;

  beforeAll(async () => {
    moto = await startMoto();
    client = new SecretsManagerClient(moto.clientConfig);
  });

  beforeEach(async () => {
    await moto.reset();
    const created = await client.send(
      new CreateSecretCommand({
        Name: 'kafka-inbound/camunda',
        SecretString: JSON.stringify({
          clientSecret: SECRET_VALUE,
          basicAuthPassword: 'pw',
        }),
      })
    );
    secretArn = created.ARN ?? '';
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  const putSecret = (text: string) =>
    client.send(
      new PutSecretValueCommand({ SecretId: secretArn, SecretString: text })
    );

  it('returns the credentials of the JSON secret', async () => {
    // Prepare
    const secrets = camundaSecrets({ client, secretId: secretArn });

    // Act
    const result = await secrets.get();

    // Assess
    expect(result).toEqual({
      clientSecret: SECRET_VALUE,
      basicAuthPassword: 'pw',
    });
  });

  it('reads Secrets Manager once while the cache is fresh and again after the TTL', async () => {
    // Prepare
    let clock = 0;
    const send = vi.spyOn(client, 'send');
    const secrets = camundaSecrets({
      client,
      secretId: secretArn,
      ttlMs: 300_000,
      now: () => clock,
    });
    const first = await secrets.get();
    await putSecret(JSON.stringify({ clientSecret: 'rotated' }));

    // Act
    clock = 299_999;
    const cached = await secrets.get();
    clock = 300_000;
    const refreshed = await secrets.get();

    // Assess
    expect(cached).toBe(first);
    expect(refreshed).toEqual({ clientSecret: 'rotated' });
    const reads = send.mock.calls.filter(
      ([command]) => command instanceof GetSecretValueCommand
    );
    expect(reads).toHaveLength(2);
  });

  it.each([
    {
      case: 'text that is not JSON',
      text: `not json ${SECRET_VALUE}`,
      problem: 'not JSON',
    },
    {
      case: 'a JSON array',
      text: `["${SECRET_VALUE}"]`,
      problem: 'not a JSON object',
    },
    {
      case: 'a number where a string belongs',
      text: '{"clientSecret": 12345}',
      problem: 'clientSecret must be a string',
    },
  ])(
    'throws CamundaSecretInvalidError without the value for $case',
    async ({ text, problem }) => {
      // Prepare
      await putSecret(text);
      const secrets = camundaSecrets({ client, secretId: secretArn });

      // Act
      const error = await secrets.get().catch((e) => e);

      // Assess
      expect(error).toBeInstanceOf(CamundaSecretInvalidError);
      expect(error).toMatchObject({ secretId: secretArn, problem });
      expect(String(error.message)).not.toContain(SECRET_VALUE);
      expect(error.cause).toBeUndefined();
    }
  );

  it('throws CamundaSecretUnavailableError with the SDK error as cause when the secret does not exist', async () => {
    // Prepare
    const secrets = camundaSecrets({ client, secretId: 'missing' });

    // Act
    const error = await secrets.get().catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(CamundaSecretUnavailableError);
    expect(error).toMatchObject({
      secretId: 'missing',
      cause: expect.objectContaining({ name: 'ResourceNotFoundException' }),
    });
  });
});
