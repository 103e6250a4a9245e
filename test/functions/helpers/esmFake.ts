import { randomUUID } from 'node:crypto';
import {
  CreateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  GetEventSourceMappingCommand,
  type LambdaClient,
  ListEventSourceMappingsCommand,
  ListTagsCommand,
  ResourceConflictException,
  ResourceInUseException,
  ResourceNotFoundException,
  TagResourceCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';

interface FakeEsm {
  config: EventSourceMappingConfiguration;
  tags: Record<string, string>;
  /** Gets left before a deleting ESM is gone. */
  getsUntilGone?: number;
}

/** A stand-in for Lambda's Kafka ESM API (moto cannot create Kafka ESMs). */
interface EsmFake {
  readonly mock: AwsClientStub<LambdaClient>;
  /** Live mappings (including ones being deleted). */
  list(): EventSourceMappingConfiguration[];
  tagsOf(uuid: string): Record<string, string>;
  /** Create requests in order, as sent. */
  createRequests(): CreateEventSourceMappingCommandInput[];
  /** Names of the ESM commands sent, in order. */
  commandNames(): string[];
  /** Sets the LastProcessingResult of a mapping. */
  setLastProcessingResult(uuid: string, result: string): void;
  /** Runs before each create is answered (e.g. to look at other state). */
  onCreate(
    hook: (request: CreateEventSourceMappingCommandInput) => Promise<void>
  ): void;
  reset(): void;
}

const meta = { $metadata: {} };

const sourceOf = (config: {
  EventSourceArn?: string;
  SelfManagedEventSource?: { Endpoints?: Record<string, string[]> };
}): string =>
  config.EventSourceArn ??
  [...(config.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS ?? [])]
    .sort()
    .join(',');

/**
 * Mocks the ESM calls of one Lambda client with an in-memory service that
 * behaves like Lambda where the provisioner depends on it: a duplicate
 * function + source + topic is a 409 (also while the old one is deleting),
 * a deleted mapping is `Deleting` for one more Get, a mapping in `Creating`
 * becomes `Enabled` once read.
 *
 * @param client - the client the provisioner uses for ESM calls
 * @param region - region of the ARNs
 * @param accountId - account of the ARNs
 */
const createEsmFake = (
  client: LambdaClient,
  region: string,
  accountId: string
): EsmFake => {
  const mock = mockClient(client);
  const esms = new Map<string, FakeEsm>();
  const requests: CreateEventSourceMappingCommandInput[] = [];
  let createHook:
    | ((request: CreateEventSourceMappingCommandInput) => Promise<void>)
    | undefined;

  const notFound = (uuid: string | undefined) =>
    new ResourceNotFoundException({
      message: `The resource you requested does not exist. (UUID ${uuid})`,
      ...meta,
    });

  const install = () => {
    mock.on(CreateEventSourceMappingCommand).callsFake(async (input) => {
      const request = input as CreateEventSourceMappingCommandInput;
      requests.push(structuredClone(request));
      await createHook?.(request);
      for (const existing of esms.values()) {
        if (
          existing.config.FunctionArn === request.FunctionName &&
          sourceOf(existing.config) === sourceOf(request) &&
          existing.config.Topics?.[0] === request.Topics?.[0]
        ) {
          throw new ResourceConflictException({
            message: `An event source mapping with event source (${sourceOf(request)}), function (${request.FunctionName}) and topics (${request.Topics?.[0]}) already exists. Please update or delete the existing mapping with UUID ${existing.config.UUID}`,
            ...meta,
          });
        }
      }
      const uuid = randomUUID();
      const { Tags: tags = {}, FunctionName, ...rest } = request;
      const config: EventSourceMappingConfiguration = {
        ...structuredClone(rest),
        UUID: uuid,
        EventSourceMappingArn: `arn:aws:lambda:${region}:${accountId}:event-source-mapping:${uuid}`,
        FunctionArn: FunctionName,
        State: 'Creating',
        StateTransitionReason: 'USER_INITIATED',
        LastProcessingResult: 'No records processed',
      };
      esms.set(uuid, { config, tags: { ...tags } });
      return structuredClone(config);
    });
    mock.on(GetEventSourceMappingCommand).callsFake(async (input) => {
      const uuid = (input as { UUID: string }).UUID;
      const esm = esms.get(uuid);
      if (esm === undefined) {
        throw notFound(uuid);
      }
      if (esm.getsUntilGone !== undefined) {
        if (esm.getsUntilGone <= 0) {
          esms.delete(uuid);
          throw notFound(uuid);
        }
        esm.getsUntilGone -= 1;
      } else if (
        esm.config.State === 'Creating' ||
        esm.config.State === 'Updating'
      ) {
        esm.config.State = 'Enabled';
      }
      return structuredClone(esm.config);
    });
    mock.on(UpdateEventSourceMappingCommand).callsFake(async (input) => {
      const { UUID: uuid, ...fields } = input as Record<string, unknown> & {
        UUID: string;
      };
      const esm = esms.get(uuid);
      if (esm === undefined) {
        throw notFound(uuid);
      }
      if (esm.getsUntilGone !== undefined) {
        throw new ResourceInUseException({
          message: 'The mapping is being deleted',
          ...meta,
        });
      }
      Object.assign(esm.config, structuredClone(fields), { State: 'Updating' });
      return structuredClone(esm.config);
    });
    mock.on(DeleteEventSourceMappingCommand).callsFake(async (input) => {
      const uuid = (input as { UUID: string }).UUID;
      const esm = esms.get(uuid);
      if (esm === undefined) {
        throw notFound(uuid);
      }
      esm.config.State = 'Deleting';
      esm.getsUntilGone ??= 1;
      return structuredClone(esm.config);
    });
    mock.on(ListEventSourceMappingsCommand).callsFake(async () => ({
      EventSourceMappings: [...esms.values()].map((esm) =>
        structuredClone(esm.config)
      ),
    }));
    mock.on(ListTagsCommand).callsFake(async (input) => {
      const resource = (input as { Resource: string }).Resource;
      const esm = [...esms.values()].find(
        (item) => item.config.EventSourceMappingArn === resource
      );
      if (esm === undefined) {
        throw notFound(resource);
      }
      return { Tags: { ...esm.tags } };
    });
    mock.on(TagResourceCommand).callsFake(async (input) => {
      const { Resource: resource, Tags: tags } = input as {
        Resource: string;
        Tags: Record<string, string>;
      };
      const esm = [...esms.values()].find(
        (item) => item.config.EventSourceMappingArn === resource
      );
      if (esm === undefined) {
        throw notFound(resource);
      }
      Object.assign(esm.tags, tags);
      return {};
    });
  };
  install();

  return {
    mock,
    list: () => [...esms.values()].map((esm) => structuredClone(esm.config)),
    tagsOf: (uuid) => ({ ...esms.get(uuid)?.tags }),
    createRequests: () => structuredClone(requests),
    commandNames: () =>
      mock.calls().map((call) => call.args[0].constructor.name),
    setLastProcessingResult: (uuid, result) => {
      const esm = esms.get(uuid);
      if (esm !== undefined) {
        esm.config.LastProcessingResult = result;
      }
    },
    onCreate: (hook) => {
      createHook = hook;
    },
    reset: () => {
      createHook = undefined;
      esms.clear();
      requests.length = 0;
      mock.reset();
      install();
    },
  };
};

export type { EsmFake };
export { createEsmFake };
