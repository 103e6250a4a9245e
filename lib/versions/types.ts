import type { Binding } from '../binding/types.js';
import type { CamundaClient } from '../camunda/types.js';

/** What the last check of a version (not the latest) found. */
type VersionCheck =
  | {
      readonly kind: 'waiting';
      /** ISO-8601. */
      readonly at: string;
      /** Waiting message subscriptions counted (a lower bound when capped). */
      readonly subscriptions: number;
      /** The count stopped at the page limit: at least this many wait. */
      readonly capped: boolean;
      /** Elements instances wait at (any message element of the version). */
      readonly elementIds: readonly string[];
    }
  | { readonly kind: 'none'; readonly at: string }
  | {
      readonly kind: 'failed';
      readonly at: string;
      /** Why Camunda could not be asked (never a credential). */
      readonly reason: string;
    };

/**
 * One active version of a process, as the status item keeps it: the latest
 * (what the owner — a bucket file or Camunda — defines now), or an older
 * one kept while instances may wait on its message elements.
 */
interface ProcessVersion {
  /** Camunda's process definition key (a Java long as a string). */
  readonly processDefinitionKey: string;
  /** Camunda's version number, when known. */
  readonly version?: number;
  readonly latest: boolean;
  /** When it stopped being the latest (ISO-8601). */
  readonly supersededAt?: string;
  /** Checks in a row that found nothing waiting. */
  readonly emptyChecks?: number;
  readonly lastCheck?: VersionCheck;
  /** The bindings that serve the version's elements. */
  readonly bindingIds: readonly string[];
}

/** A binding and the process versions each of its elements belongs to. */
interface VersionedBinding {
  readonly binding: Binding;
  /**
   * Process definition keys per element of `binding.elements` (same
   * order); absent in records written before versions were followed.
   */
  readonly versionKeys?: readonly (readonly string[])[];
}

/** An existing binding (a record, or a running local binding). */
interface ExistingBinding extends VersionedBinding {
  /** Its id (the alias name), which may differ from `binding.id`'s natural form. */
  readonly id: string;
  /**
   * The version of elements without `versionKeys` (a record written before
   * versions were followed: the key it was deployed with).
   */
  readonly legacyKey?: string;
}

/** The message elements one retained version has in one existing binding. */
interface RetainedPart {
  readonly key: string;
  /** The existing binding that serves them now. */
  readonly heldBy: string;
  /** That binding with the version's elements only. */
  readonly binding: Binding;
}

/** A binding to run: what the active versions need, merged. */
interface MergedBinding {
  /** Its id (the alias name) and revision set, elements of every member. */
  readonly binding: Binding;
  readonly versionKeys: readonly (readonly string[])[];
  /** The latest version's binding is a member: its Kafka settings are used. */
  readonly latest: boolean;
  /** The existing binding that serves the retained members now, if any. */
  readonly heldBy?: string;
}

/** What a search of waiting message subscriptions found. */
interface WaitingSubscriptions {
  readonly count: number;
  readonly capped: boolean;
  readonly elementIds: readonly string[];
}

/** Port: what the version check and the discovery ask Camunda. */
type CamundaVersionQueries = Pick<
  CamundaClient,
  | 'searchMessageSubscriptions'
  | 'searchLatestProcessDefinitions'
  | 'getProcessDefinition'
  | 'getProcessDefinitionXml'
>;

export type {
  CamundaVersionQueries,
  ExistingBinding,
  MergedBinding,
  ProcessVersion,
  RetainedPart,
  VersionCheck,
  VersionedBinding,
  WaitingSubscriptions,
};
