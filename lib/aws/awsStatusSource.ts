import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetEventSourceMappingCommand,
  LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateScan,
} from '@aws-sdk/lib-dynamodb';
import type { StatusSource } from '../provisioning/types.js';
import {
  fromSourceItem,
  fromStatusItem,
  type ProcessStatus,
  processKey,
  type SourceRecord,
  StoreKeys,
} from '../store/index.js';
import { createDocumentClient } from './createDocumentClient.js';

interface AwsStatusSourceOptions {
  /** The binding-store table (stack output BindingTableName). */
  readonly tableName: string;
  /** Document client of the table; built for `region` when absent. */
  readonly dynamo?: DynamoDBDocumentClient;
  /** Client for GetEventSourceMapping; built for `region` when absent. */
  readonly lambda?: LambdaClient;
  /** Region of the clients built here; the SDK's default chain when absent. */
  readonly region?: string;
}

/** A status source that can let go of the clients it built. */
interface AwsStatusSource extends StatusSource {
  /** Destroys the clients built here (not the ones given). */
  close(): void;
}

/**
 * The StatusSource port of `readStatus` on AWS: status and source items
 * from the binding store (GetItem for one process, else a Scan for status
 * items and source items with errors) and each ESM's live state from
 * GetEventSourceMapping.
 *
 * @param options - table name, and clients or the region to build them in
 * @example
 * ```ts
 * const source = awsStatusSource({ tableName, region: 'eu-west-1' });
 * try {
 *   console.log(formatStatus(await readStatus(source)));
 * } finally {
 *   source.close();
 * }
 * ```
 */
const awsStatusSource = (options: AwsStatusSourceOptions): AwsStatusSource => {
  const { tableName } = options;
  const clientConfig =
    options.region === undefined ? {} : { region: options.region };
  const built: { destroy(): void }[] = [];
  let dynamo = options.dynamo;
  if (dynamo === undefined) {
    const client = new DynamoDBClient(clientConfig);
    built.push(client);
    dynamo = createDocumentClient(client);
  }
  let lambda = options.lambda;
  if (lambda === undefined) {
    lambda = new LambdaClient(clientConfig);
    built.push(lambda);
  }
  const table = dynamo;
  const functions = lambda;

  return {
    readRecords: async (processId) => {
      if (processId !== undefined) {
        const found = await table.send(
          new GetCommand({ TableName: tableName, Key: processKey(processId) })
        );
        return {
          statuses:
            found.Item === undefined || found.Item.state === undefined
              ? []
              : [fromStatusItem(found.Item)],
          failedSources: [],
        };
      }
      const statuses: ProcessStatus[] = [];
      const failedSources: SourceRecord[] = [];
      const pages = paginateScan(
        { client: table },
        {
          TableName: tableName,
          FilterExpression:
            'sk = :status OR (sk = :source AND attribute_exists(#errors))',
          ExpressionAttributeNames: { '#errors': 'errors' },
          ExpressionAttributeValues: {
            ':status': StoreKeys.processSort,
            ':source': StoreKeys.sourceSort,
          },
        }
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          if (item.sk === StoreKeys.processSort && item.state !== undefined) {
            statuses.push(fromStatusItem(item));
          } else if (item.sk === StoreKeys.sourceSort) {
            failedSources.push(fromSourceItem(item));
          }
        }
      }
      return { statuses, failedSources };
    },
    readEsm: async (uuid) => {
      try {
        const esm = await functions.send(
          new GetEventSourceMappingCommand({ UUID: uuid })
        );
        return {
          kind: 'found',
          ...(esm.State === undefined ? {} : { state: esm.State }),
          ...(esm.LastProcessingResult === undefined
            ? {}
            : { lastProcessingResult: esm.LastProcessingResult }),
          ...(esm.StateTransitionReason === undefined
            ? {}
            : { stateTransitionReason: esm.StateTransitionReason }),
        };
      } catch (error) {
        if (error instanceof ResourceNotFoundException) {
          return { kind: 'missing' };
        }
        if (error instanceof Error) {
          return { kind: 'unreadable', reason: error.name };
        }
        throw error;
      }
    },
    close: () => {
      for (const client of built) client.destroy();
    },
  };
};

export type { AwsStatusSource, AwsStatusSourceOptions };
export { awsStatusSource };
