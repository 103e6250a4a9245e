/**
 * The MSK adapter against a stand-in for the MSK API (moto 5 has no
 * GetBootstrapBrokers or SCRAM secret calls): every request the adapter
 * sends and every answer the stand-in gives is checked against botocore's
 * kafka service model, so the adapter is tested on what MSK takes and says.
 */
import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  GetBootstrapBrokersCommand,
  KafkaClient,
  ListScramSecretsCommand,
  NotFoundException,
  ServiceUnavailableException,
} from '@aws-sdk/client-kafka';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MskScramAssociationError, mskClusters } from '../../lib/aws/index.js';
import {
  loadServiceModel,
  memberNames,
  validateInput,
  validateOutput,
} from '../support/botocore.js';

const model = loadServiceModel('kafka');

const CLUSTER =
  'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2';
const SECRET =
  'arn:aws:secretsmanager:eu-west-1:111122223333:secret:AmazonMSK_kafka-inbound/bindings/orders/sasl-AbC1eF';
const broker = (n: number, port: number) =>
  `b-${n}.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:${port}`;

const kafka = mockClient(KafkaClient);
/** Contract violations of requests and answers, by operation. */
let violations: string[] = [];
let associated: Set<string>;
let now = 0;

/** Answers `output` after checking request and answer against the model. */
const answer =
  <T>(operation: string, output: (input: Record<string, unknown>) => T) =>
  (input: unknown) => {
    violations.push(...validateInput(model, operation, input));
    const result = output(input as Record<string, unknown>);
    violations.push(...validateOutput(model, operation, result));
    return Promise.resolve(result);
  };

const adapter = () =>
  mskClusters({
    client: new KafkaClient({ region: 'eu-west-1' }),
    ttlMs: 60_000,
    now: () => now,
  });

beforeEach(() => {
  kafka.reset();
  violations = [];
  associated = new Set();
  now = 0;
  kafka
    .on(ListScramSecretsCommand)
    .callsFake(
      answer('ListScramSecrets', () => ({ SecretArnList: [...associated] }))
    );
  kafka.on(BatchAssociateScramSecretCommand).callsFake(
    answer('BatchAssociateScramSecret', (input) => {
      for (const arn of input.SecretArnList as string[]) associated.add(arn);
      return { ClusterArn: CLUSTER, UnprocessedScramSecrets: [] };
    })
  );
  kafka.on(BatchDisassociateScramSecretCommand).callsFake(
    answer('BatchDisassociateScramSecret', (input) => {
      for (const arn of input.SecretArnList as string[]) {
        associated.delete(arn);
      }
      return { ClusterArn: CLUSTER, UnprocessedScramSecrets: [] };
    })
  );
});

afterEach(() => {
  expect(violations).toEqual([]);
});

describe('Function: mskClusters', () => {
  describe('describe', () => {
    it('reads brokers and listeners of every GetBootstrapBrokers field the model has', async () => {
      // Prepare: every output member of the model, each with its own broker.
      const fields = memberNames(model, 'GetBootstrapBrokersResponse');
      const output = Object.fromEntries(
        fields.map((field, n) => [field, `${broker(n, 9000 + n)}`])
      );
      kafka
        .on(GetBootstrapBrokersCommand)
        .callsFake(answer('GetBootstrapBrokers', () => output));

      // Act
      const found = await adapter().describe(CLUSTER);

      // Assess: no field is ignored, each listener is named once.
      expect(fields.length).toBeGreaterThanOrEqual(14);
      expect(found).toEqual({
        kind: 'found',
        bootstrapServers: expect.arrayContaining(Object.values(output)),
        authentication: expect.arrayContaining([
          'plaintext',
          'tls',
          'scram',
          'iam',
        ]),
      });
      expect(found.kind === 'found' && found.bootstrapServers).toHaveLength(
        fields.length
      );
    });

    it('names only the listeners the cluster has, splitting broker strings', async () => {
      // Prepare: a cluster with IAM and TLS listeners (private).
      kafka.on(GetBootstrapBrokersCommand).callsFake(
        answer('GetBootstrapBrokers', () => ({
          BootstrapBrokerStringTls: `${broker(1, 9094)},${broker(2, 9094)}`,
          BootstrapBrokerStringSaslIam: `${broker(1, 9098)},${broker(2, 9098)}`,
        }))
      );

      // Act
      const found = await adapter().describe(CLUSTER);

      // Assess
      expect(found).toEqual({
        kind: 'found',
        bootstrapServers: [
          broker(1, 9094),
          broker(2, 9094),
          broker(1, 9098),
          broker(2, 9098),
        ],
        authentication: ['tls', 'iam'],
      });
    });

    it('asks MSK once per cache lifetime', async () => {
      // Prepare
      kafka.on(GetBootstrapBrokersCommand).callsFake(
        answer('GetBootstrapBrokers', () => ({
          BootstrapBrokerStringSaslScram: broker(1, 9096),
        }))
      );
      const msk = adapter();

      // Act
      await msk.describe(CLUSTER);
      now = 59_999;
      await msk.describe(CLUSTER);
      now = 60_000;
      await msk.describe(CLUSTER);

      // Assess
      expect(kafka.commandCalls(GetBootstrapBrokersCommand)).toHaveLength(2);
    });

    it('says a cluster MSK does not know is unavailable, with the reason', async () => {
      // Prepare
      kafka.on(GetBootstrapBrokersCommand).rejects(
        new NotFoundException({
          message: 'The specified cluster was not found.',
          $metadata: {},
        })
      );

      // Act & Assess
      await expect(adapter().describe(CLUSTER)).resolves.toEqual({
        kind: 'unavailable',
        reason: 'NotFoundException',
      });
    });

    it('throws a transient failure so the event is retried', async () => {
      // Prepare
      kafka.on(GetBootstrapBrokersCommand).rejects(
        new ServiceUnavailableException({
          message: 'try again',
          $metadata: {},
        })
      );

      // Act & Assess
      await expect(adapter().describe(CLUSTER)).rejects.toThrow('try again');
    });
  });

  describe('SCRAM secret association', () => {
    it('associates a secret once and leaves an associated one alone', async () => {
      // Prepare
      const msk = adapter();

      // Act
      await msk.associateScramSecret(CLUSTER, SECRET);
      await msk.associateScramSecret(CLUSTER, SECRET);

      // Assess
      expect([...associated]).toEqual([SECRET]);
      expect(kafka.commandCalls(BatchAssociateScramSecretCommand)).toHaveLength(
        1
      );
    });

    it('names cluster, secret and MSK reason when MSK refuses', async () => {
      // Prepare: MSK's answer for a secret under the AWS managed key.
      kafka.on(BatchAssociateScramSecretCommand).callsFake(
        answer('BatchAssociateScramSecret', () => ({
          ClusterArn: CLUSTER,
          UnprocessedScramSecrets: [
            {
              SecretArn: SECRET,
              ErrorCode: 'InvalidKmsKey',
              ErrorMessage: 'The secret is encrypted with the default key.',
            },
          ],
        }))
      );

      // Act
      const failure = adapter().associateScramSecret(CLUSTER, SECRET);

      // Assess
      await expect(failure).rejects.toThrow(MskScramAssociationError);
      await expect(failure).rejects.toThrow(
        /did not associate .*AmazonMSK_.*InvalidKmsKey: The secret is encrypted with the default key\..*customer managed KMS key/
      );
    });

    it('disassociates an associated secret; one not associated, or a cluster gone, is fine', async () => {
      // Prepare
      associated.add(SECRET);
      const msk = adapter();

      // Act
      await msk.disassociateScramSecret(CLUSTER, SECRET);
      await msk.disassociateScramSecret(CLUSTER, SECRET);
      kafka
        .on(ListScramSecretsCommand)
        .rejects(new NotFoundException({ message: 'gone', $metadata: {} }));
      await msk.disassociateScramSecret(CLUSTER, SECRET);

      // Assess
      expect(associated.size).toBe(0);
      expect(
        kafka.commandCalls(BatchDisassociateScramSecretCommand)
      ).toHaveLength(1);
    });
  });
});
