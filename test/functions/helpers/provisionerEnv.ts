import { execFileSync } from 'node:child_process';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { KafkaClient } from '@aws-sdk/client-kafka';
import {
  CreateFunctionCommand,
  LambdaClient,
  ListAliasesCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import {
  createProvisionerHandler,
  type ProvisionerResult,
} from '../../../functions/provisioner.js';
import { createDocumentClient } from '../../../lib/aws/index.js';
import {
  type CamundaDouble,
  startCamundaDouble,
} from '../../support/camunda-double.js';
import { type Moto, startMoto } from '../../support/moto.js';
import { createEsmFake, type EsmFake } from './esmFake.js';

/** Metrics that publish nothing (Powertools reads the switch when built). */
const quietMetrics = (): Metrics => {
  const saved = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  try {
    return new Metrics({ namespace: 'KafkaInbound' });
  } finally {
    if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = saved;
  }
};

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const BUCKET = 'processes-bucket';
const TABLE = 'bindings';
const FUNCTION_NAME = 'kafka-inbound-consumer';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION_NAME}`;
const SECRET_PREFIX = 'kafka-inbound/';

// A real zip (moto reads it) holding a one-line handler.
const ZIP = Buffer.from(
  execFileSync('python3', [
    '-c',
    [
      'import io, zipfile, sys, base64',
      'b = io.BytesIO()',
      'z = zipfile.ZipFile(b, "w")',
      'z.writestr("index.mjs", "export const handler = async () => ({});")',
      'z.close()',
      'sys.stdout.write(base64.b64encode(b.getvalue()).decode())',
    ].join('\n'),
  ]).toString(),
  'base64'
);

/** Everything a provisioner test talks to. */
interface ProvisionerTestEnv {
  readonly moto: Moto;
  readonly camunda: CamundaDouble;
  readonly esm: EsmFake;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly lambda: LambdaClient;
  readonly esmClient: LambdaClient;
  readonly secretsManager: SecretsManagerClient;
  readonly env: Record<string, string>;
  /** A fresh handler (new container) with these clients. */
  handler(options?: {
    deployToCamunda?: boolean;
    discoverDeployments?: boolean;
    /** Variables over the test environment's. */
    env?: Readonly<Record<string, string>>;
    /** The MSK client (aws-sdk-client-mock stands in for MSK). */
    kafka?: KafkaClient;
    /** The CloudFormation client the teardown asks for the stack's status. */
    cloudFormation?: CloudFormationClient;
  }): (event: unknown, context: Context) => Promise<ProvisionerResult>;
  /** Puts a BPMN file under `processes/`; returns its S3 version id. */
  upload(name: string, xml: string): Promise<string>;
  /** Deletes a file (a delete marker in the versioned bucket). */
  remove(name: string): Promise<string | undefined>;
  /** An S3 event notification for the file, with the next sequencer. */
  notification(
    kind: 'created' | 'removed',
    name: string,
    versionId?: string
  ): unknown;
  /** The same as an EventBridge event. */
  eventBridge(
    kind: 'created' | 'removed',
    name: string,
    versionId?: string
  ): unknown;
  context(requestId?: string): Context;
  /** Every item of the binding table, keyed by `pk`. */
  items(): Promise<Map<string, Record<string, unknown>>>;
  aliasNames(): Promise<string[]>;
  secretNames(): Promise<string[]>;
  secretValue(name: string): Promise<string | undefined>;
  createReferencedSecret(name: string, value: string): Promise<void>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const createResources = async (
  s3: S3Client,
  dynamo: DynamoDBClient,
  endpoint: string,
  lambda: LambdaClient
): Promise<void> => {
  await s3.send(
    new CreateBucketCommand({
      Bucket: BUCKET,
      CreateBucketConfiguration: { LocationConstraint: REGION },
    })
  );
  await s3.send(
    new PutBucketVersioningCommand({
      Bucket: BUCKET,
      VersioningConfiguration: { Status: 'Enabled' },
    })
  );
  await dynamo.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    })
  );
  // No IAM SDK client is installed: moto takes the query API directly.
  const role = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({
      Action: 'CreateRole',
      Version: '2010-05-08',
      RoleName: 'consumer-role',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  });
  if (!role.ok) {
    throw new Error(`moto CreateRole failed: HTTP ${role.status}`);
  }
  await role.body?.cancel();
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: FUNCTION_NAME,
      Runtime: 'nodejs22.x',
      Role: `arn:aws:iam::${ACCOUNT}:role/consumer-role`,
      Handler: 'index.handler',
      Code: { ZipFile: ZIP },
    })
  );
};

/**
 * Starts moto and the Camunda double, creates the bucket, table, role and
 * consumer function, and mocks the Kafka ESM calls of a separate client.
 */
const startProvisionerEnv = async (): Promise<ProvisionerTestEnv> => {
  const moto = await startMoto();
  const camunda = await startCamundaDouble();
  const config = { ...moto.clientConfig, region: REGION };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const dynamo = new DynamoDBClient(config);
  const lambda = new LambdaClient(config);
  const esmClient = new LambdaClient(config);
  const secretsManager = new SecretsManagerClient(config);
  const esm = createEsmFake(esmClient, REGION, ACCOUNT);
  await createResources(s3, dynamo, moto.endpoint, lambda);
  let sequencer = 0x1000;
  const env: Record<string, string> = {
    ...camunda.env(),
    BINDING_TABLE_NAME: TABLE,
    CONSUMER_FUNCTION_NAME: FUNCTION_ARN,
    PROCESSES_BUCKET: BUCKET,
    PROCESSES_PREFIX: 'processes/',
    SECRET_PREFIX,
    ESM_MODE: 'provisioned',
    MIN_POLLERS: '1',
    MAX_POLLERS: '2',
    VPC_SUBNET_IDS: 'subnet-1',
    VPC_SECURITY_GROUP_IDS: 'sg-1',
  };
  const encodeKey = (key: string): string =>
    encodeURIComponent(key).replace(/%20/g, '+');
  const nextSequencer = (): string => {
    sequencer += 1;
    return sequencer.toString(16).toUpperCase().padStart(18, '0');
  };
  return {
    moto,
    camunda,
    esm,
    s3,
    dynamo,
    lambda,
    esmClient,
    secretsManager,
    env,
    handler: (options = {}) =>
      createProvisionerHandler({
        env: {
          ...env,
          DEPLOY_TO_CAMUNDA: String(options.deployToCamunda ?? true),
          DISCOVER_DEPLOYMENTS: String(options.discoverDeployments ?? false),
          ...options.env,
        },
        // Quiet: these tests read what the provisioner stored, not its logs
        // (test/security/secrets-never-leak.test.ts reads those).
        logger: new Logger({ logLevel: 'SILENT' }),
        metrics: quietMetrics(),
        clients: {
          s3,
          dynamo: createDocumentClient(dynamo),
          secretsManager,
          lambda,
          esm: esmClient,
          ...(options.kafka === undefined ? {} : { kafka: options.kafka }),
          ...(options.cloudFormation === undefined
            ? {}
            : { cloudFormation: options.cloudFormation }),
        },
        sleep: async () => undefined,
      }),
    upload: async (name, xml) => {
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `processes/${name}`,
          Body: xml,
        })
      );
      return put.VersionId ?? '';
    },
    remove: async (name) => {
      const deleted = await s3.send(
        new DeleteObjectCommand({ Bucket: BUCKET, Key: `processes/${name}` })
      );
      return deleted.VersionId;
    },
    notification: (kind, name, versionId) => ({
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: REGION,
          eventTime: new Date().toISOString(),
          eventName:
            kind === 'created' ? 'ObjectCreated:Put' : 'ObjectRemoved:Delete',
          s3: {
            s3SchemaVersion: '1.0',
            bucket: { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` },
            object: {
              key: encodeKey(`processes/${name}`),
              ...(versionId === undefined ? {} : { versionId }),
              sequencer: nextSequencer(),
            },
          },
        },
      ],
    }),
    eventBridge: (kind, name, versionId) => ({
      version: '0',
      id: 'event-id',
      'detail-type': kind === 'created' ? 'Object Created' : 'Object Deleted',
      source: 'aws.s3',
      account: ACCOUNT,
      time: new Date().toISOString(),
      region: REGION,
      resources: [`arn:aws:s3:::${BUCKET}`],
      detail: {
        version: '0',
        bucket: { name: BUCKET },
        object: {
          key: `processes/${name}`,
          ...(versionId === undefined ? {} : { 'version-id': versionId }),
          sequencer: nextSequencer(),
        },
        reason: kind === 'created' ? 'PutObject' : 'DeleteObject',
      },
    }),
    context: (requestId = 'request-1') =>
      ({
        awsRequestId: requestId,
        functionName: 'provisioner',
        functionVersion: '$LATEST',
        invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:provisioner`,
        memoryLimitInMB: '512',
        logGroupName: '/aws/lambda/provisioner',
        logStreamName: 'stream',
        callbackWaitsForEmptyEventLoop: false,
        getRemainingTimeInMillis: () => 60_000,
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
      }) as Context,
    items: async () => {
      const scanned = await dynamo.send(new ScanCommand({ TableName: TABLE }));
      return new Map(
        (scanned.Items ?? []).map((item) => {
          const plain = unmarshall(item);
          return [String(plain.pk), plain];
        })
      );
    },
    aliasNames: async () => {
      const listed = await lambda.send(
        new ListAliasesCommand({ FunctionName: FUNCTION_ARN })
      );
      return (listed.Aliases ?? []).map((alias) => alias.Name ?? '').sort();
    },
    secretNames: async () => {
      const listed = await secretsManager.send(new ListSecretsCommand({}));
      return (listed.SecretList ?? [])
        .map((secret) => secret.Name ?? '')
        .sort();
    },
    secretValue: async (name) =>
      (await secretsManager.send(new GetSecretValueCommand({ SecretId: name })))
        .SecretString,
    createReferencedSecret: async (name, value) => {
      await secretsManager.send(
        new CreateSecretCommand({
          Name: `${SECRET_PREFIX}secrets/${name}`,
          SecretString: value,
        })
      );
    },
    reset: async () => {
      await moto.reset();
      camunda.reset();
      esm.reset();
      await createResources(s3, dynamo, moto.endpoint, lambda);
    },
    stop: async () => {
      await camunda.close();
      await moto.stop();
    },
  };
};

export type { ProvisionerTestEnv };
export { ACCOUNT, FUNCTION_ARN, REGION, startProvisionerEnv };
