import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { isRecord } from '../common/index.js';
import type { BindingStore, DeployedBinding } from '../consumer/types.js';
import type { PlatformDefaults } from '../platform/index.js';
import { bindingKey } from '../store/index.js';
import { AWS_DEFAULTS } from './constants.js';
import {
  BindingNotFoundError,
  BindingRecordInvalidError,
  BindingStoreUnavailableError,
} from './errors.js';

interface BindingStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Filled in where a binding record leaves a field out. */
  readonly defaults: PlatformDefaults;
  /** How long a read binding is trusted; default 60 s, 0 = no cache. */
  readonly ttlMs?: number;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/** Checks the parts of a stored binding the consumer relies on. */
const toDeployedBinding = (
  bindingId: string,
  item: Record<string, unknown>,
  defaults: PlatformDefaults
): DeployedBinding => {
  const deployed = item.deployed;
  if (!isRecord(deployed)) {
    throw new BindingRecordInvalidError(bindingId, 'no `deployed` map');
  }
  const binding = deployed.binding;
  if (
    !isRecord(binding) ||
    typeof binding.id !== 'string' ||
    typeof binding.revision !== 'string' ||
    typeof binding.processId !== 'string' ||
    !Array.isArray(binding.elements) ||
    !isRecord(binding.kafka)
  ) {
    throw new BindingRecordInvalidError(
      bindingId,
      '`deployed.binding` lacks id, revision, processId, elements or kafka'
    );
  }
  if (binding.id !== bindingId) {
    throw new BindingRecordInvalidError(
      bindingId,
      `holds binding '${binding.id}'`
    );
  }
  const ordering = deployed.ordering ?? defaults.ordering;
  if (ordering !== 'partition' && ordering !== 'key') {
    throw new BindingRecordInvalidError(
      bindingId,
      `ordering must be partition or key (got ${String(ordering)})`
    );
  }
  const esmMode = deployed.esmMode ?? defaults.esmMode;
  if (esmMode !== 'provisioned' && esmMode !== 'onDemand') {
    throw new BindingRecordInvalidError(
      bindingId,
      `esmMode must be provisioned or onDemand (got ${String(esmMode)})`
    );
  }
  const keyConcurrency = deployed.keyConcurrency ?? defaults.keyConcurrency;
  if (
    typeof keyConcurrency !== 'number' ||
    !Number.isInteger(keyConcurrency) ||
    keyConcurrency < 1
  ) {
    throw new BindingRecordInvalidError(
      bindingId,
      `keyConcurrency must be a positive integer (got ${String(keyConcurrency)})`
    );
  }
  // The shape of the binding itself was written by the provisioner from the
  // binding model; the checks above cover what a hand-edited record breaks.
  return {
    ...(deployed as unknown as DeployedBinding),
    ordering,
    esmMode,
    keyConcurrency,
    ...(deployed.businessIdUniqueness === true || defaults.businessIdUniqueness
      ? { businessIdUniqueness: true }
      : {}),
  };
};

/**
 * The read side of the binding store: deployed bindings by binding id, with a
 * per-container cache. Only found bindings are cached, so a binding that is
 * provisioned after a miss is seen at the next invocation.
 *
 * @param options - DynamoDB document client, table, platform defaults, TTL
 * @example
 * ```ts
 * const store = createBindingStore({ client, tableName, defaults });
 * const deployed = await store.getDeployedBinding('order-created');
 * ```
 */
const createBindingStore = (options: BindingStoreOptions): BindingStore => {
  const { client, tableName, defaults } = options;
  const ttlMs = options.ttlMs ?? AWS_DEFAULTS.bindingCacheTtlMs;
  const now = options.now ?? Date.now;
  const cache = new Map<
    string,
    { readonly value: DeployedBinding; readonly expiresAt: number }
  >();

  const read = async (bindingId: string): Promise<DeployedBinding> => {
    let item: Record<string, unknown> | undefined;
    try {
      const result = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: bindingKey(bindingId),
          // The provisioner writes the record just before it creates the
          // event source mapping; a stale read would fail the first batch.
          ConsistentRead: true,
        })
      );
      item = result.Item;
    } catch (error) {
      throw new BindingStoreUnavailableError(tableName, 'GetItem', {
        cause: error,
      });
    }
    if (item === undefined) {
      throw new BindingNotFoundError(bindingId, tableName);
    }
    return toDeployedBinding(bindingId, item, defaults);
  };

  return {
    getDeployedBinding: async (bindingId) => {
      const cached = cache.get(bindingId);
      if (cached !== undefined && cached.expiresAt > now()) {
        return cached.value;
      }
      const value = await read(bindingId);
      if (ttlMs > 0) cache.set(bindingId, { value, expiresAt: now() + ttlMs });
      return value;
    },
    clear: () => cache.clear(),
  };
};

export type { BindingStoreOptions };
export { createBindingStore };
