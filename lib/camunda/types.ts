/**
 * `POST /v2/process-instances`, by process id (latest version) or by key.
 * `businessId` (Camunda 8.9+, 1–256 characters): with the cluster's business
 * id uniqueness on, a second active root instance with the same business id
 * is rejected (409), which the client reports as a `done` duplicate. Older
 * clusters reject the field: send it only when the binding enables it.
 */
type CreateProcessInstanceRequest =
  | {
      readonly processDefinitionId: string;
      readonly processDefinitionVersion?: number;
      readonly variables?: Readonly<Record<string, unknown>>;
      readonly tenantId?: string;
      readonly businessId?: string;
    }
  | {
      readonly processDefinitionKey: string;
      readonly variables?: Readonly<Record<string, unknown>>;
      readonly tenantId?: string;
      readonly businessId?: string;
    };

/** `POST /v2/messages/publication`. */
interface PublishMessageRequest {
  readonly name: string;
  readonly correlationKey: string;
  /** Milliseconds. */
  readonly timeToLive: number;
  readonly messageId: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly tenantId?: string;
}

/**
 * What a Camunda call came to:
 * - `done`: the work is done (including an already published message id);
 * - `retry`: it may succeed later (network, timeout, backpressure, 5xx gateway);
 * - `poison`: it can never succeed as sent (4xx, oversized variables, …).
 */
type CamundaOutcome =
  | {
      readonly kind: 'done';
      readonly status: number;
      readonly body?: unknown;
      /** True when Camunda said the work had been done already (409 duplicate). */
      readonly duplicate?: boolean;
    }
  | {
      readonly kind: 'retry';
      readonly status?: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'poison';
      readonly status?: number;
      readonly reason: string;
    };

/** The Camunda calls the consumer makes. */
interface CamundaPort {
  /**
   * Longest one call waits for Camunda once it is sent (the client's request
   * timeout), in milliseconds. The batch processor keeps this much time,
   * plus a margin, before it starts a record. Unknown when absent.
   */
  readonly requestTimeoutMs?: number;
  createProcessInstance(
    request: CreateProcessInstanceRequest
  ): Promise<CamundaOutcome>;
  publishMessage(request: PublishMessageRequest): Promise<CamundaOutcome>;
}

/** `POST /v2/messages/correlation`: correlate now, without buffering. */
interface CorrelateMessageRequest {
  readonly name: string;
  readonly correlationKey: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly tenantId?: string;
}

/** How the client authenticates (`CAMUNDA_AUTH_STRATEGY`). */
type CamundaAuthStrategy = 'NONE' | 'BASIC' | 'OAUTH';

/** OAuth 2.0 client credentials against the token endpoint. */
interface CamundaOAuthConfig {
  readonly strategy: 'OAUTH';
  readonly clientId: string;
  readonly clientSecret: string;
  /** Token endpoint (`CAMUNDA_OAUTH_URL`). */
  readonly oauthUrl: string;
  /** `CAMUNDA_TOKEN_AUDIENCE`. */
  readonly audience: string;
  /** `CAMUNDA_OAUTH_SCOPE`, space separated; not sent when absent. */
  readonly scope?: string;
  /** Timeout of one token request, milliseconds. */
  readonly timeoutMs: number;
}

/** HTTP Basic authentication. */
interface CamundaBasicAuthConfig {
  readonly strategy: 'BASIC';
  readonly username: string;
  readonly password: string;
}

/** The authentication part of {@link CamundaClientConfig}. */
type CamundaAuthConfig =
  | { readonly strategy: 'NONE' }
  | CamundaBasicAuthConfig
  | CamundaOAuthConfig;

/**
 * Everything the Camunda client needs. Holds secrets: log it only through
 * `redactCamundaConfig`.
 */
interface CamundaClientConfig {
  /** Base address ending in `/v2`, without a trailing slash. */
  readonly restAddress: string;
  readonly auth: CamundaAuthConfig;
  /** Sent on every call whose request names no tenant. */
  readonly tenantId?: string;
  /** Timeout of one REST call (connect, send, whole response), milliseconds. */
  readonly requestTimeoutMs: number;
  /**
   * Most REST calls in flight at once (and so most connections); further
   * calls wait for a free slot before their timeout starts. Default 128.
   */
  readonly maxConcurrentRequests?: number;
}

/**
 * Credentials read from a secret store (AWS Secrets Manager in Lambda).
 * When given to `readCamundaConfig`, the secret values come from here only,
 * never from the environment.
 */
interface CamundaSecrets {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly basicAuthUsername?: string;
  readonly basicAuthPassword?: string;
}

/** What `createCamundaClient` may be given instead of the globals. */
interface CamundaClientDependencies {
  /** Defaults to the global `fetch` (undici, keep-alive connection pool). */
  readonly fetch?: typeof globalThis.fetch;
  /** Clock for token expiry, epoch milliseconds. Defaults to `Date.now`. */
  readonly now?: () => number;
}

/** One file to deploy. */
interface DeploymentResource {
  /** File name with extension (`order.bpmn`); Camunda picks the parser by it. */
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** A process definition created (or found unchanged) by a deployment. */
interface DeployedProcess {
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  /** A Java long as a string; never parse it to a number. */
  readonly processDefinitionKey: string;
  readonly resourceName?: string;
  readonly tenantId?: string;
}

/** The part of Camunda's `DeploymentResult` the provisioner needs. */
interface DeploymentSummary {
  readonly deploymentKey: string;
  readonly tenantId?: string;
  readonly processes: readonly DeployedProcess[];
}

/** One partition as `GET /v2/topology` reports it. */
interface CamundaPartition {
  readonly partitionId: number;
  readonly role: string;
  readonly health: string;
}

/** One broker as `GET /v2/topology` reports it. */
interface CamundaBroker {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  readonly version: string;
  readonly partitions: readonly CamundaPartition[];
}

/** `GET /v2/topology`, for `kafka-inbound status`. */
interface CamundaTopology {
  readonly gatewayVersion: string;
  readonly clusterSize: number;
  readonly partitionsCount: number;
  readonly replicationFactor: number;
  readonly brokers: readonly CamundaBroker[];
}

/** One page of a search result (`POST /v2/…/search`). */
interface SearchPage<T> {
  readonly items: readonly T[];
  /** Cursor of the next page; absent on the last page. */
  readonly endCursor?: string;
  /** Items matching the query (a lower bound when `hasMoreTotalItems`). */
  readonly totalItems: number;
  readonly hasMoreTotalItems: boolean;
}

/** A message subscription as `POST /v2/message-subscriptions/search` reports it. */
interface MessageSubscriptionSummary {
  readonly messageSubscriptionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionKey?: string;
  readonly processInstanceKey?: string;
  readonly elementId: string;
  readonly messageName: string;
  readonly state: string;
}

/** `POST /v2/message-subscriptions/search`: one page, by definition and state. */
interface MessageSubscriptionQuery {
  readonly processDefinitionKey: string;
  /** `CREATED`: subscriptions an instance waits on. */
  readonly state: 'CREATED';
  readonly limit: number;
  /** The `endCursor` of the previous page. */
  readonly after?: string;
}

/** A process definition as the process-definition endpoints report it. */
interface ProcessDefinitionSummary {
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly version: number;
  readonly tenantId: string;
  readonly resourceName?: string;
  /** `ACTIVE`, `DRAINING` or `DELETED` (8.9+; absent from older gateways). */
  readonly state?: string;
}

/** `POST /v2/process-definitions/search` for the latest active versions. */
interface LatestDefinitionsQuery {
  readonly limit: number;
  readonly after?: string;
  readonly tenantId?: string;
}

/** The Camunda REST client: the consumer's port plus provisioning calls. */
interface CamundaClient extends CamundaPort {
  correlateMessage(request: CorrelateMessageRequest): Promise<CamundaOutcome>;
  /**
   * Deploys the files atomically (`POST /v2/deployments`). Throws
   * `CamundaRequestError` (with the outcome) when Camunda does not accept it.
   */
  deployResources(
    files: readonly DeploymentResource[],
    tenantId?: string
  ): Promise<DeploymentSummary>;
  /** `GET /v2/topology`; throws `CamundaRequestError` on failure. */
  getTopology(): Promise<CamundaTopology>;
  /**
   * One page of waiting message subscriptions of a process definition
   * (`POST /v2/message-subscriptions/search`); throws `CamundaRequestError`.
   */
  searchMessageSubscriptions(
    query: MessageSubscriptionQuery
  ): Promise<SearchPage<MessageSubscriptionSummary>>;
  /**
   * One page of the latest active process definitions
   * (`POST /v2/process-definitions/search`); throws `CamundaRequestError`.
   */
  searchLatestProcessDefinitions(
    query: LatestDefinitionsQuery
  ): Promise<SearchPage<ProcessDefinitionSummary>>;
  /**
   * `GET /v2/process-definitions/{key}`; undefined when Camunda answers
   * 404. Throws `CamundaRequestError` on any other failure.
   */
  getProcessDefinition(
    processDefinitionKey: string
  ): Promise<ProcessDefinitionSummary | undefined>;
  /**
   * The BPMN XML of a process definition (`GET /v2/process-definitions/{key}/xml`);
   * throws `CamundaRequestError`.
   */
  getProcessDefinitionXml(processDefinitionKey: string): Promise<string>;
  /** The normalized `/v2` base address the client talks to. */
  readonly restAddress: string;
}

/** The calls the client makes; names the call in reasons and errors. */
type CamundaOperation =
  | 'createProcessInstance'
  | 'publishMessage'
  | 'correlateMessage'
  | 'deployResources'
  | 'getTopology'
  | 'searchMessageSubscriptions'
  | 'searchProcessDefinitions'
  | 'getProcessDefinition'
  | 'getProcessDefinitionXml';

/** Result of `checkVariablesSize`. */
type VariablesSizeCheck =
  | { readonly ok: true; readonly bytes: number; readonly json: string }
  | {
      readonly ok: false;
      /** Serialized size; -1 when the variables cannot be serialized. */
      readonly bytes: number;
      readonly limit: number;
      readonly reason: string;
    };

export type {
  CamundaAuthConfig,
  CamundaAuthStrategy,
  CamundaBasicAuthConfig,
  CamundaBroker,
  CamundaClient,
  CamundaClientConfig,
  CamundaClientDependencies,
  CamundaOAuthConfig,
  CamundaOperation,
  CamundaOutcome,
  CamundaPartition,
  CamundaPort,
  CamundaSecrets,
  CamundaTopology,
  CorrelateMessageRequest,
  CreateProcessInstanceRequest,
  DeployedProcess,
  DeploymentResource,
  DeploymentSummary,
  LatestDefinitionsQuery,
  MessageSubscriptionQuery,
  MessageSubscriptionSummary,
  ProcessDefinitionSummary,
  PublishMessageRequest,
  SearchPage,
  VariablesSizeCheck,
};
