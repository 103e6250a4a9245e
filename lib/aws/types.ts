import type { DeployedBinding } from '../consumer/types.js';

/** Reads deployed bindings by binding id (= the consumer's alias name). */
interface BindingStore {
  /**
   * The deployed binding of `bindingId`, from a per-container cache when it
   * was read less than the TTL ago.
   *
   * @throws BindingNotFoundError, BindingRecordInvalidError,
   *   BindingStoreUnavailableError
   */
  getDeployedBinding(bindingId: string): Promise<DeployedBinding>;
  /** Forgets every cached binding. */
  clear(): void;
}

export type { BindingStore };
