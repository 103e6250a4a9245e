import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  DeleteAliasCommand,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  GetAliasCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
  ListTagsCommand,
  paginateListAliases,
  paginateListEventSourceMappings,
  ResourceInUseException,
  ResourceNotFoundException,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { EsmTagKeys } from '../esm/index.js';
import {
  type ActualEsm,
  type ConsumerMappings,
  ProvisioningEsmDeleteTimeoutError,
} from '../provisioning/index.js';

interface LambdaConsumerMappingsOptions {
  /** Client for alias calls. */
  readonly lambda: LambdaClient;
  /**
   * Client for event source mapping calls. The same client as `lambda` in
   * the function; tests give a mocked one (moto has no Kafka ESMs).
   */
  readonly esm: LambdaClient;
  /** Unqualified ARN of the consumer function. */
  readonly functionArn: string;
  readonly functionVersion: string;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly pollMs: number;
  readonly deleteWaitMs: number;
}

const toActualEsm = (
  esm: EventSourceMappingConfiguration,
  tags: Readonly<Record<string, string>> = {}
): ActualEsm => {
  const qualifier = esm.FunctionArn?.split(':').at(7);
  const bindingId = tags[EsmTagKeys.bindingId] ?? qualifier;
  const processId = tags[EsmTagKeys.processId];
  const groupId =
    esm.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId ??
    esm.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId;
  return {
    uuid: esm.UUID ?? '',
    ...(esm.EventSourceMappingArn === undefined
      ? {}
      : { arn: esm.EventSourceMappingArn }),
    ...(esm.State === undefined ? {} : { state: esm.State }),
    ...(esm.FunctionArn === undefined ? {} : { functionArn: esm.FunctionArn }),
    ...(bindingId === undefined ? {} : { bindingId }),
    ...(processId === undefined ? {} : { processId }),
    ...(esm.Topics === undefined ? {} : { topics: esm.Topics }),
    ...(esm.EventSourceArn === undefined
      ? {}
      : { eventSourceArn: esm.EventSourceArn }),
    ...(esm.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS ===
    undefined
      ? {}
      : {
          bootstrapServers:
            esm.SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS,
        }),
    ...(esm.StartingPosition === undefined
      ? {}
      : { startingPosition: esm.StartingPosition }),
    ...(groupId === undefined ? {} : { consumerGroupId: groupId }),
    ...(esm.LastProcessingResult === undefined
      ? {}
      : { lastProcessingResult: esm.LastProcessingResult }),
  };
};

/**
 * The provisioner's ConsumerMappings port on the Lambda API. ESMs are found by listing the
 * mappings whose function is an alias of the consumer and reading their
 * `kafka-inbound:process-id` tag (ListEventSourceMappings cannot filter by
 * tag). There are no ESM waiters in the SDK, so deletions are polled.
 *
 * @param options - clients, consumer function, polling
 */
const lambdaConsumerMappings = (
  options: LambdaConsumerMappingsOptions
): ConsumerMappings => {
  const { lambda, esm, functionArn, functionVersion } = options;
  const aliasPrefix = `${functionArn}:`;

  const waitGone = async (uuid: string): Promise<void> => {
    const started = options.now();
    for (;;) {
      try {
        await esm.send(new GetEventSourceMappingCommand({ UUID: uuid }));
      } catch (error) {
        if (error instanceof ResourceNotFoundException) {
          return;
        }
        throw error;
      }
      if (options.now() - started >= options.deleteWaitMs) {
        throw new ProvisioningEsmDeleteTimeoutError(uuid, options.deleteWaitMs);
      }
      await options.sleep(options.pollMs);
    }
  };

  const deleteEsm = async (uuid: string): Promise<void> => {
    const started = options.now();
    for (;;) {
      try {
        await esm.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
        return;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) {
          return;
        }
        // Creating, Updating or already Deleting: wait for the transition.
        if (
          error instanceof ResourceInUseException &&
          options.now() - started < options.deleteWaitMs
        ) {
          await options.sleep(options.pollMs);
          continue;
        }
        throw error;
      }
    }
  };

  /** Every ESM on an alias of the consumer, with its tags. */
  const listConsumerEsms = async (): Promise<ActualEsm[]> => {
    const found: ActualEsm[] = [];
    for await (const page of paginateListEventSourceMappings(
      { client: esm },
      {}
    )) {
      for (const mapping of page.EventSourceMappings ?? []) {
        if (
          mapping.FunctionArn?.startsWith(aliasPrefix) !== true ||
          mapping.EventSourceMappingArn === undefined
        ) {
          continue;
        }
        const { Tags: tags = {} } = await esm.send(
          new ListTagsCommand({ Resource: mapping.EventSourceMappingArn })
        );
        found.push(toActualEsm(mapping, tags));
      }
    }
    return found;
  };

  return {
    listAliasNames: async () => {
      const names = new Set<string>();
      for await (const page of paginateListAliases(
        { client: lambda },
        { FunctionName: functionArn }
      )) {
        for (const alias of page.Aliases ?? []) {
          if (alias.Name !== undefined) {
            names.add(alias.Name);
          }
        }
      }
      return names;
    },
    ensureAlias: async (name) => {
      try {
        const alias = await lambda.send(
          new GetAliasCommand({ FunctionName: functionArn, Name: name })
        );
        if (alias.FunctionVersion !== functionVersion) {
          await lambda.send(
            new UpdateAliasCommand({
              FunctionName: functionArn,
              Name: name,
              FunctionVersion: functionVersion,
            })
          );
        }
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) {
          throw error;
        }
        await lambda.send(
          new CreateAliasCommand({
            FunctionName: functionArn,
            Name: name,
            FunctionVersion: functionVersion,
            Description: 'kafka-inbound binding',
          })
        );
      }
    },
    deleteAlias: async (name) => {
      try {
        await lambda.send(
          new DeleteAliasCommand({ FunctionName: functionArn, Name: name })
        );
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) {
          throw error;
        }
      }
    },
    listProcessEsms: async (processId) =>
      (await listConsumerEsms()).filter(
        (found) => found.processId === processId
      ),
    listAllEsms: listConsumerEsms,
    createEsm: async (request) => {
      const created = await esm.send(
        new CreateEventSourceMappingCommand(request)
      );
      return toActualEsm(created, request.Tags);
    },
    updateEsm: async (request) => {
      const updated = await esm.send(
        new UpdateEventSourceMappingCommand(request)
      );
      return updated.State;
    },
    tagEsm: async (arn, tags) => {
      await esm.send(
        new TagResourceCommand({ Resource: arn, Tags: { ...tags } })
      );
    },
    deleteEsmAndWait: async (uuid) => {
      await deleteEsm(uuid);
      await waitGone(uuid);
    },
  };
};

export type { LambdaConsumerMappingsOptions };
export { lambdaConsumerMappings, toActualEsm };
