import {
  GetEventSourceMappingCommand,
  type LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateScan,
} from '@aws-sdk/lib-dynamodb';
import {
  fromSourceItem,
  fromStatusItem,
  processKey,
  StoreKeys,
} from '../store/index.js';
import type {
  BindingStatusView,
  ProcessStatus,
  ProcessStatusView,
  SourceRecord,
  StatusBinding,
  StatusReport,
} from './types.js';

/** The AWS clients `readStatus` uses. */
interface StatusClients {
  /** Document client of the binding-store table. */
  readonly dynamo: DynamoDBDocumentClient;
  readonly lambda: LambdaClient;
  /** BINDING_TABLE_NAME. */
  readonly tableName: string;
}

const withLiveEsm = async (
  lambda: LambdaClient,
  binding: StatusBinding
): Promise<BindingStatusView> => {
  if (binding.esmUuid === undefined) {
    return binding;
  }
  try {
    const esm = await lambda.send(
      new GetEventSourceMappingCommand({ UUID: binding.esmUuid })
    );
    return {
      ...binding,
      ...(esm.State === undefined ? {} : { liveState: esm.State }),
      ...(esm.LastProcessingResult === undefined
        ? {}
        : { lastProcessingResult: esm.LastProcessingResult }),
      ...(esm.StateTransitionReason === undefined
        ? {}
        : { stateTransitionReason: esm.StateTransitionReason }),
    };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return {
        ...binding,
        readError: 'the event source mapping does not exist',
      };
    }
    if (error instanceof Error) {
      return { ...binding, readError: error.name };
    }
    throw error;
  }
};

const withLiveBindings = async (
  lambda: LambdaClient,
  status: ProcessStatus
): Promise<ProcessStatusView> => ({
  ...status,
  bindings: await Promise.all(
    status.bindings.map((binding) => withLiveEsm(lambda, binding))
  ),
});

/**
 * Reads the status records the provisioner wrote and, for each binding, the
 * live state of its ESM (`GetEventSourceMapping`: State,
 * LastProcessingResult).
 *
 * @param clients - document client, Lambda client and table name
 * @param processId - one process; all processes (and unreadable files) when absent
 * @example
 * ```ts
 * const report = await readStatus({ dynamo, lambda, tableName });
 * console.log(formatStatus(report));
 * ```
 */
const readStatus = async (
  clients: StatusClients,
  processId?: string
): Promise<StatusReport> => {
  if (processId !== undefined) {
    const found = await clients.dynamo.send(
      new GetCommand({
        TableName: clients.tableName,
        Key: processKey(processId),
      })
    );
    const statuses =
      found.Item === undefined || found.Item.state === undefined
        ? []
        : [fromStatusItem(found.Item)];
    return {
      processes: await Promise.all(
        statuses.map((status) => withLiveBindings(clients.lambda, status))
      ),
      failedSources: [],
    };
  }
  const statuses: ProcessStatus[] = [];
  const failedSources: SourceRecord[] = [];
  const pages = paginateScan(
    { client: clients.dynamo },
    {
      TableName: clients.tableName,
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
  statuses.sort((a, b) => a.processId.localeCompare(b.processId));
  failedSources.sort((a, b) => a.sourceKey.localeCompare(b.sourceKey));
  return {
    processes: await Promise.all(
      statuses.map((status) => withLiveBindings(clients.lambda, status))
    ),
    failedSources,
  };
};

export type { StatusClients };
export { readStatus };
