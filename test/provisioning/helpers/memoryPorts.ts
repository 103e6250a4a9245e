import type {
  CreateEventSourceMappingCommandInput,
  UpdateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import type {
  DeploymentResource,
  DeploymentSummary,
  MessageSubscriptionSummary,
  ProcessDefinitionSummary,
} from '../../../lib/camunda/types.js';
import { EsmTagKeys } from '../../../lib/esm/index.js';
import {
  type ActualEsm,
  type CamundaDeployer,
  type ConsumerMappings,
  type MskClusters,
  type ObjectEvent,
  type ObjectOutcome,
  type ProcessFiles,
  type ProvisionerDependencies,
  type ProvisionerObserver,
  ProvisioningLockBusyError,
  type ProvisioningStore,
  readProvisionerConfig,
  type SecretStore,
  stableJson,
} from '../../../lib/provisioning/index.js';
import {
  bindingKey,
  fromBindingItem,
  fromSourceItem,
  fromStatusItem,
  LockAttributes,
  processKey,
  type ReleasedProcess,
  releasedKey,
  type StoreItem,
  type StoreKey,
  StoreKeys,
  sourceKey,
  teardownKey,
  toBindingItem,
  toSourceAttributes,
  toStatusAttributes,
} from '../../../lib/store/index.js';
import type { CamundaVersionQueries } from '../../../lib/versions/index.js';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const BUCKET = 'processes-bucket';
const CONSUMER_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:kafka-inbound-consumer`;
const SECRET_PREFIX = 'kafka-inbound/';

/** The provisioner's environment in these tests. */
const PROVISIONER_ENV = {
  BINDING_TABLE_NAME: 'bindings',
  CONSUMER_FUNCTION_NAME: CONSUMER_ARN,
  PROCESSES_BUCKET: BUCKET,
  SECRET_PREFIX,
} as const;

/**
 * Lets other work run between two port calls (one macrotask), so that two
 * invocations started together interleave as they would against AWS.
 */
const pause = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));

/** A scripted failure of one port method, for the next `times` calls. */
interface Failure {
  readonly method: string;
  readonly error: unknown;
  times: number;
}

const failures = () => {
  const pending: Failure[] = [];
  return {
    fail: (method: string, error: unknown, times = 1) => {
      pending.push({ method, error, times });
    },
    check: (method: string) => {
      const failure = pending.find(
        (item) => item.method === method && item.times > 0
      );
      if (failure !== undefined) {
        failure.times -= 1;
        throw failure.error;
      }
    },
  };
};

/** The processes bucket: versioned objects by key. */
interface MemoryFiles extends ProcessFiles {
  /** Puts a new version of `processes/<name>`; returns its version id. */
  put(name: string, text: string): string;
  /** Deletes `processes/<name>` (a delete marker). */
  remove(name: string): void;
}

const createMemoryFiles = (maxBytes: () => number): MemoryFiles => {
  const objects = new Map<string, { text: string; version: string }>();
  let versions = 0;
  return {
    put: (name, text) => {
      versions += 1;
      const version = `v${versions}`;
      objects.set(`processes/${name}`, { text, version });
      return version;
    },
    remove: (name) => {
      objects.delete(`processes/${name}`);
    },
    readCurrent: async (key) => {
      await pause();
      const object = objects.get(key);
      if (object === undefined) return { kind: 'missing' };
      const bytes = Buffer.byteLength(object.text, 'utf8');
      return bytes > maxBytes()
        ? { kind: 'tooLarge', version: object.version, bytes }
        : { kind: 'found', text: object.text, version: object.version, bytes };
    },
    exists: async (key) => {
      await pause();
      return objects.has(key);
    },
  };
};

/** The binding-store table, shared by the invocations (lock owners). */
interface MemoryTable {
  /** The store as the invocation `owner` sees it. */
  store(
    owner: string,
    options?: { readonly waitMs?: number; readonly leaseMs?: number }
  ): ProvisioningStore;
  /** Every item, keyed by `pk`. */
  items(): Map<string, StoreItem>;
  fail(method: keyof ProvisioningStore, error: unknown, times?: number): void;
}

/**
 * The binding store with the DynamoDB adapter's semantics: items converted
 * with lib/store, leases that another owner waits for (on a clock that each
 * poll moves on), and writes under a lease refused once it is lost.
 */
const createMemoryTable = (): MemoryTable => {
  const items = new Map<string, StoreItem>();
  const scripted = failures();
  let clock = 0;
  const id = (key: StoreKey) => `${key.pk}\n${key.sk}`;
  const OWNER = LockAttributes.owner;
  const EXPIRES = LockAttributes.expiresAt;

  const store: MemoryTable['store'] = (owner, options = {}) => {
    const waitMs = options.waitMs ?? 30_000;
    const leaseMs = options.leaseMs ?? 60_000;
    const pollMs = 1_000;

    const call = async (method: keyof ProvisioningStore) => {
      await pause();
      scripted.check(method);
    };
    const holds = (key: StoreKey): boolean =>
      items.get(id(key))?.[OWNER] === owner;
    const update = (key: StoreKey, attributes: StoreItem): void => {
      if (!holds(key)) throw new ProvisioningLockBusyError(key.pk);
      const item = { ...items.get(id(key)) };
      for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined) delete item[name];
        else item[name] = structuredClone(value);
      }
      items.set(id(key), item);
    };
    const tryAcquire = (key: StoreKey): boolean => {
      const item = items.get(id(key));
      const free =
        item?.[OWNER] === undefined ||
        (item[EXPIRES] as number) < clock ||
        item[OWNER] === owner;
      if (free) {
        items.set(id(key), {
          ...(item ?? key),
          [OWNER]: owner,
          [EXPIRES]: clock + leaseMs,
        });
      }
      return free;
    };
    const release = (key: StoreKey): void => {
      const item = items.get(id(key));
      if (item?.[OWNER] !== owner) return;
      const { [OWNER]: _owner, [EXPIRES]: _expires, ...rest } = item;
      items.set(id(key), rest);
    };
    const read = (key: StoreKey) => {
      const item = items.get(id(key));
      return item === undefined ? undefined : structuredClone(item);
    };

    return {
      withLock: async (key, work) => {
        await call('withLock');
        const started = clock;
        while (!tryAcquire(key)) {
          if (clock - started >= waitMs) {
            throw new ProvisioningLockBusyError(key.pk);
          }
          clock += pollMs;
          await pause();
        }
        try {
          return await work();
        } finally {
          release(key);
        }
      },
      getSource: async (key) => {
        await call('getSource');
        const item = read(sourceKey(key));
        return item === undefined ? undefined : fromSourceItem(item);
      },
      putSource: async (record) => {
        await call('putSource');
        update(sourceKey(record.sourceKey), toSourceAttributes(record));
      },
      getStatus: async (processId) => {
        await call('getStatus');
        const item = read(processKey(processId));
        return item === undefined || item.state === undefined
          ? undefined
          : fromStatusItem(item);
      },
      putStatus: async (status) => {
        await call('putStatus');
        update(processKey(status.processId), toStatusAttributes(status));
      },
      deleteStatus: async (processId) => {
        await call('deleteStatus');
        const key = processKey(processId);
        if (!holds(key)) throw new ProvisioningLockBusyError(key.pk);
        items.delete(id(key));
      },
      getBinding: async (bindingId) => {
        await call('getBinding');
        const item = read(bindingKey(bindingId));
        return item === undefined ? undefined : fromBindingItem(item);
      },
      putBinding: async (binding) => {
        await call('putBinding');
        items.set(
          id(bindingKey(binding.bindingId)),
          structuredClone(toBindingItem(binding))
        );
      },
      deleteBinding: async (bindingId) => {
        await call('deleteBinding');
        items.delete(id(bindingKey(bindingId)));
      },
      listStatuses: async () => {
        await call('listStatuses');
        return [...items.values()]
          .filter(
            (item) =>
              item.sk === StoreKeys.processSort && item.state !== undefined
          )
          .map((item) => fromStatusItem(structuredClone(item)));
      },
      getReleased: async (processId) => {
        await call('getReleased');
        const item = read(releasedKey(processId));
        if (item === undefined) return undefined;
        const { pk: _pk, sk: _sk, ...record } = item;
        return record as unknown as ReleasedProcess;
      },
      putReleased: async (record) => {
        await call('putReleased');
        items.set(id(releasedKey(record.processId)), {
          ...releasedKey(record.processId),
          ...structuredClone(record),
        });
      },
      deleteReleased: async (processId) => {
        await call('deleteReleased');
        items.delete(id(releasedKey(processId)));
      },
      markTearingDown: async (since) => {
        await call('markTearingDown');
        const key = teardownKey();
        if (items.get(id(key))?.since === undefined) {
          items.set(id(key), { ...key, since });
        }
      },
      tearingDownSince: async () => {
        await call('tearingDownSince');
        const since = items.get(id(teardownKey()))?.since;
        return typeof since === 'string' ? since : undefined;
      },
    };
  };

  return {
    store,
    items: () =>
      new Map([...items.values()].map((item) => [String(item.pk), item])),
    fail: scripted.fail,
  };
};

/** One event source mapping of the fake Lambda. */
interface MemoryEsm {
  readonly uuid: string;
  readonly arn: string;
  request: CreateEventSourceMappingCommandInput;
  state: string;
  tags: Record<string, string>;
}

/** Aliases and ESMs of the consumer function. */
interface MemoryMappings extends ConsumerMappings {
  /** Alias name → version. */
  readonly aliases: Map<string, string>;
  readonly esms: Map<string, MemoryEsm>;
  /** Names of the port methods called, in order. */
  readonly calls: string[];
  /** Runs when an ESM is created, before it exists. */
  onCreate(hook: (request: CreateEventSourceMappingCommandInput) => void): void;
  fail(method: keyof ConsumerMappings, error: unknown, times?: number): void;
}

const sourceOf = (request: CreateEventSourceMappingCommandInput): string =>
  request.EventSourceArn ??
  [
    ...(request.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS ??
      []),
  ]
    .sort()
    .join(',');

const actualOf = (esm: MemoryEsm): ActualEsm => {
  const { request, tags } = esm;
  const groupId =
    request.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId ??
    request.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId;
  const servers =
    request.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS;
  const bindingId = tags[EsmTagKeys.bindingId];
  return {
    uuid: esm.uuid,
    arn: esm.arn,
    state: esm.state,
    ...(request.FunctionName === undefined
      ? {}
      : { functionArn: request.FunctionName }),
    ...(bindingId === undefined ? {} : { bindingId }),
    processId: tags[EsmTagKeys.processId] ?? '',
    ...(request.Topics === undefined ? {} : { topics: request.Topics }),
    ...(request.EventSourceArn === undefined
      ? {}
      : { eventSourceArn: request.EventSourceArn }),
    ...(servers === undefined ? {} : { bootstrapServers: servers }),
    ...(request.StartingPosition === undefined
      ? {}
      : { startingPosition: request.StartingPosition }),
    ...(groupId === undefined ? {} : { consumerGroupId: groupId }),
  };
};

/**
 * The consumer's aliases and Kafka ESMs as Lambda keeps them: a second ESM
 * for the same function, source and topic is refused (409), so a replace
 * that does not delete first fails here as it would in AWS.
 */
const createMemoryMappings = (version: string): MemoryMappings => {
  const aliases = new Map<string, string>();
  const esms = new Map<string, MemoryEsm>();
  const calls: string[] = [];
  const scripted = failures();
  let created = 0;
  let createHook: (request: CreateEventSourceMappingCommandInput) => void =
    () => undefined;
  const call = async (method: keyof ConsumerMappings) => {
    calls.push(method);
    await pause();
    scripted.check(method);
  };

  return {
    aliases,
    esms,
    calls,
    onCreate: (hook) => {
      createHook = hook;
    },
    fail: scripted.fail,
    listAliasNames: async () => {
      await call('listAliasNames');
      return new Set(aliases.keys());
    },
    ensureAlias: async (name) => {
      await call('ensureAlias');
      aliases.set(name, version);
    },
    deleteAlias: async (name) => {
      await call('deleteAlias');
      aliases.delete(name);
    },
    listProcessEsms: async (processId) => {
      await call('listProcessEsms');
      return [...esms.values()]
        .filter((esm) => esm.tags[EsmTagKeys.processId] === processId)
        .map(actualOf);
    },
    listAllEsms: async () => {
      await call('listAllEsms');
      return [...esms.values()].map(actualOf);
    },
    createEsm: async (request) => {
      await call('createEsm');
      createHook(request);
      for (const esm of esms.values()) {
        if (
          esm.request.FunctionName === request.FunctionName &&
          sourceOf(esm.request) === sourceOf(request) &&
          esm.request.Topics?.[0] === request.Topics?.[0]
        ) {
          throw new Error(`ResourceConflictException: ESM ${esm.uuid} exists`);
        }
      }
      created += 1;
      const uuid = `esm-${created}`;
      const esm: MemoryEsm = {
        uuid,
        arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${uuid}`,
        request: structuredClone(request),
        state: 'Creating',
        tags: { ...request.Tags },
      };
      esms.set(uuid, esm);
      return actualOf(esm);
    },
    updateEsm: async (request: UpdateEventSourceMappingCommandInput) => {
      await call('updateEsm');
      const { UUID: uuid, ...fields } = request;
      const esm = esms.get(uuid ?? '');
      if (esm === undefined) throw new Error(`ESM ${uuid} does not exist`);
      esm.request = { ...esm.request, ...structuredClone(fields) };
      esm.state = 'Updating';
      return esm.state;
    },
    tagEsm: async (arn, tags) => {
      await call('tagEsm');
      const esm = [...esms.values()].find((item) => item.arn === arn);
      if (esm === undefined) throw new Error(`ESM ${arn} does not exist`);
      Object.assign(esm.tags, tags);
    },
    deleteEsmAndWait: async (uuid) => {
      await call('deleteEsmAndWait');
      esms.delete(uuid);
    },
  };
};

/** Secrets: the referenced `<prefix>secrets/NAME` ones and the per-binding ones. */
interface MemorySecrets extends SecretStore {
  /** Referenced name → value. */
  readonly referenced: Map<string, string>;
  /** Per-binding secret name → JSON text and tags. */
  readonly owned: Map<
    string,
    {
      text: string;
      arn: string;
      tags: Record<string, string>;
      kmsKeyId?: string;
    }
  >;
  fail(method: keyof SecretStore, error: unknown, times?: number): void;
}

const createMemorySecrets = (): MemorySecrets => {
  const referenced = new Map<string, string>();
  const owned: MemorySecrets['owned'] = new Map();
  const scripted = failures();
  let created = 0;
  const call = async (method: keyof SecretStore) => {
    await pause();
    scripted.check(method);
  };
  return {
    referenced,
    owned,
    fail: scripted.fail,
    readReferenced: async (names) => {
      await call('readReferenced');
      return new Map(
        names.flatMap((name) => {
          const value = referenced.get(name);
          return value === undefined ? [] : [[name, value] as const];
        })
      );
    },
    ensureSecret: async (name, fields, tags, options = {}) => {
      await call('ensureSecret');
      const text = stableJson(fields);
      const existing = owned.get(name);
      const key =
        options.kmsKeyId === undefined ? {} : { kmsKeyId: options.kmsKeyId };
      if (existing !== undefined) {
        existing.text = text;
        Object.assign(existing, key);
        return { arn: existing.arn, created: false };
      }
      created += 1;
      // A Secrets Manager ARN: the name and 6 random characters.
      const suffix = String(created).padStart(6, '0');
      const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-${suffix}`;
      owned.set(name, { text, arn, tags: { ...tags }, ...key });
      return { arn, created: true };
    },
    findSecrets: async (names) => {
      await call('findSecrets');
      return new Map(
        names.flatMap((name) => {
          const secret = owned.get(name);
          return secret === undefined ? [] : [[name, secret.arn] as const];
        })
      );
    },
    deleteSecret: async (name) => {
      await call('deleteSecret');
      owned.delete(name);
    },
  };
};

/**
 * Camunda's deployment API and the searches of the version check and
 * discovery: records each deployment and keeps each definition's XML;
 * instances wait on message subscriptions set with `wait`.
 */
interface MemoryCamunda extends CamundaDeployer, CamundaVersionQueries {
  readonly deployments: { name: string; tenantId?: string }[];
  /** Deployed definitions, newest last. */
  readonly definitions: (ProcessDefinitionSummary & { xml: string })[];
  /** Fails the next `times` calls of `method` (default deployResources). */
  fail(error: unknown, times?: number, method?: string): void;
  /** `count` instances of the definition wait at `elementId`. */
  wait(processDefinitionKey: string, elementId: string, count?: number): void;
  /** The instances waiting at the definition's elements complete. */
  complete(processDefinitionKey: string): void;
  /** Deletes a definition, as Camunda 8.9+ does (it leaves the searches). */
  deleteDefinition(processDefinitionKey: string): void;
  /** Message-subscription searches made (one per page). */
  readonly searches: { processDefinitionKey: string; after?: string }[];
  /** Keys whose XML was read, in order. */
  readonly xmlReads: string[];
}

const createMemoryCamunda = (): MemoryCamunda => {
  const deployments: MemoryCamunda['deployments'] = [];
  const definitions: MemoryCamunda['definitions'] = [];
  const waiting: MessageSubscriptionSummary[] = [];
  const searches: MemoryCamunda['searches'] = [];
  const xmlReads: string[] = [];
  const scripted = failures();
  const page = <T>(items: readonly T[], limit: number, after?: string) => {
    const start = after === undefined ? 0 : Number(after);
    const slice = items.slice(start, start + limit);
    const end = start + slice.length;
    return {
      items: slice,
      ...(end < items.length || slice.length === limit
        ? { endCursor: String(end) }
        : {}),
      totalItems: items.length,
      hasMoreTotalItems: false,
    };
  };
  return {
    deployments,
    definitions,
    searches,
    xmlReads,
    fail: (error, times, method = 'deployResources') =>
      scripted.fail(method, error, times),
    wait: (processDefinitionKey, elementId, count = 1) => {
      const definition = definitions.find(
        (item) => item.processDefinitionKey === processDefinitionKey
      );
      for (let i = 0; i < count; i++) {
        waiting.push({
          messageSubscriptionKey: String(900_000 + waiting.length),
          processDefinitionId: definition?.processDefinitionId ?? '',
          processDefinitionKey,
          elementId,
          messageName: `${elementId}-message`,
          state: 'CREATED',
        });
      }
    },
    complete: (processDefinitionKey) => {
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (waiting[i]?.processDefinitionKey === processDefinitionKey) {
          waiting.splice(i, 1);
        }
      }
    },
    deleteDefinition: (processDefinitionKey) => {
      const index = definitions.findIndex(
        (item) => item.processDefinitionKey === processDefinitionKey
      );
      if (index >= 0) definitions.splice(index, 1);
    },
    deployResources: async (
      files: readonly DeploymentResource[],
      tenantId?: string
    ): Promise<DeploymentSummary> => {
      await pause();
      scripted.check('deployResources');
      const [file] = files;
      deployments.push({
        name: file?.name ?? '',
        ...(tenantId === undefined ? {} : { tenantId }),
      });
      const text = String(file?.content ?? '');
      const ids = [...text.matchAll(/<bpmn:process id="([^"]+)"/g)].map(
        (match) => match[1] ?? ''
      );
      const deploymentKey = `${deployments.length}000`;
      const processes = ids.map((processDefinitionId, index) => ({
        processDefinitionId,
        processDefinitionVersion: deployments.length,
        processDefinitionKey: `${deploymentKey}${index + 1}`,
      }));
      for (const process of processes) {
        definitions.push({
          processDefinitionKey: process.processDefinitionKey,
          processDefinitionId: process.processDefinitionId,
          version: process.processDefinitionVersion,
          tenantId: tenantId ?? '<default>',
          resourceName: file?.name ?? '',
          state: 'ACTIVE',
          xml: text,
        });
      }
      return { deploymentKey, processes };
    },
    searchMessageSubscriptions: async (query) => {
      await pause();
      scripted.check('searchMessageSubscriptions');
      searches.push({
        processDefinitionKey: query.processDefinitionKey,
        ...(query.after === undefined ? {} : { after: query.after }),
      });
      return page(
        waiting.filter(
          (item) =>
            item.processDefinitionKey === query.processDefinitionKey &&
            item.state === query.state
        ),
        query.limit,
        query.after
      );
    },
    searchLatestProcessDefinitions: async (query) => {
      await pause();
      scripted.check('searchLatestProcessDefinitions');
      const latest = new Map<string, ProcessDefinitionSummary>();
      for (const { xml: _xml, ...definition } of definitions) {
        if (
          query.tenantId !== undefined &&
          definition.tenantId !== query.tenantId
        )
          continue;
        const known = latest.get(definition.processDefinitionId);
        if (known === undefined || known.version < definition.version) {
          latest.set(definition.processDefinitionId, definition);
        }
      }
      return page([...latest.values()], query.limit, query.after);
    },
    getProcessDefinition: async (key) => {
      await pause();
      scripted.check('getProcessDefinition');
      const found = definitions.find(
        (item) => item.processDefinitionKey === key
      );
      if (found === undefined) return undefined;
      const { xml: _xml, ...definition } = found;
      return definition;
    },
    getProcessDefinitionXml: async (key) => {
      await pause();
      scripted.check('getProcessDefinitionXml');
      xmlReads.push(key);
      const found = definitions.find(
        (item) => item.processDefinitionKey === key
      );
      if (found === undefined) throw new Error(`no definition ${key}`);
      return found.xml;
    },
  };
};

/** Everything the provisioning use case talks to, in memory. */
interface MemoryWorld {
  readonly files: MemoryFiles;
  readonly table: MemoryTable;
  readonly mappings: MemoryMappings;
  readonly secrets: MemorySecrets;
  readonly camunda: MemoryCamunda;
  /** What the observer was told, in order. */
  readonly observed: (
    | { kind: 'outcome'; key: string; outcome: ObjectOutcome }
    | { kind: 'failure'; key: string; error: unknown }
    | {
        kind: 'versionCheck';
        report: Parameters<
          NonNullable<ProvisionerObserver['onVersionCheck']>
        >[0];
      }
    | {
        kind: 'discovery';
        report: Parameters<NonNullable<ProvisionerObserver['onDiscovery']>>[0];
      }
  )[];
  /** The use case's dependencies for the invocation `owner`. */
  deps(
    owner?: string,
    options?: {
      readonly waitMs?: number;
      readonly deployToCamunda?: boolean;
      /** The clock (default 2026-01-01T00:00:00Z). */
      readonly now?: () => Date;
      /** The MSK port (MSK_CLUSTER_ARNS given by ARN alone need it). */
      readonly msk?: MskClusters;
    }
  ): ProvisionerDependencies;
  /** An S3 event notification for `processes/<name>` with the next sequencer. */
  event(kind: ObjectEvent['kind'], name: string): unknown;
}

/**
 * The provisioner's ports in memory, configured by `readProvisionerConfig`
 * from {@link PROVISIONER_ENV} plus `env`.
 *
 * @param env - more provisioner variables (e.g. MAX_BPMN_BYTES)
 */
const createMemoryWorld = (
  env: Readonly<Record<string, string>> = {}
): MemoryWorld => {
  const config = readProvisionerConfig({ ...PROVISIONER_ENV, ...env });
  const files = createMemoryFiles(() => config.maxObjectBytes);
  const table = createMemoryTable();
  const mappings = createMemoryMappings(config.consumerFunctionVersion);
  const secrets = createMemorySecrets();
  const camunda = createMemoryCamunda();
  const observed: MemoryWorld['observed'] = [];
  let sequencer = 0x1000;
  return {
    files,
    table,
    mappings,
    secrets,
    camunda,
    observed,
    deps: (owner = 'request-1', options = {}) => ({
      config,
      files,
      store: table.store(owner, { waitMs: options.waitMs ?? 30_000 }),
      mappings,
      secrets,
      ...(options.deployToCamunda === false
        ? {}
        : { camunda, versions: camunda }),
      ...(options.msk === undefined ? {} : { msk: options.msk }),
      now: options.now ?? (() => new Date('2026-01-01T00:00:00.000Z')),
      observer: {
        onOutcome: (event, outcome) =>
          observed.push({ kind: 'outcome', key: event.key, outcome }),
        onFailure: (event, error) =>
          observed.push({ kind: 'failure', key: event.key, error }),
        onVersionCheck: (report) =>
          observed.push({ kind: 'versionCheck', report }),
        onDiscovery: (report) => observed.push({ kind: 'discovery', report }),
      },
    }),
    event: (kind, name) => {
      sequencer += 1;
      return {
        Records: [
          {
            eventName:
              kind === 'created' ? 'ObjectCreated:Put' : 'ObjectRemoved:Delete',
            s3: {
              bucket: { name: BUCKET },
              object: {
                key: `processes/${name}`,
                sequencer: sequencer
                  .toString(16)
                  .toUpperCase()
                  .padStart(18, '0'),
              },
            },
          },
        ],
      };
    },
  };
};

export type { MemoryWorld };
export { CONSUMER_ARN, createMemoryWorld, SECRET_PREFIX };
