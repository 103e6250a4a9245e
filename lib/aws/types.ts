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

/** The binding item of the binding store (`BINDING#<bindingId>` / `BINDING`). */
interface BindingRecord {
  readonly bindingId: string;
  readonly processId: string;
  readonly revision: string;
  readonly deployed: DeployedBinding;
  /** S3 key of the BPMN file. */
  readonly sourceKey: string;
  /** S3 version id or event sequencer of that file. */
  readonly sourceVersion: string;
  readonly esmUuid?: string;
  readonly esmArn?: string;
  readonly secretArns: readonly string[];
  /** ISO-8601. */
  readonly updatedAt: string;
}

export type { BindingRecord, BindingStore };
