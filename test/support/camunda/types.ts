/** A request as the double received it. */
interface RecordedRequest {
  /** 1 for the first request since start or `reset()`. */
  readonly id: number;
  readonly method: string;
  /** Path without the query, e.g. `/v2/messages/publication`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The parsed body: JSON for JSON requests, the fields for form-urlencoded
   * ones, {@link RecordedDeployment} for multipart deployments, the text
   * otherwise; undefined when empty or unparseable.
   */
  readonly body: unknown;
  readonly rawBody: string;
  /** The double's clock (`options.now`) when the request had arrived. */
  readonly receivedAt: number;
  /** Equal ids mean the same TCP connection (keep-alive reuse). */
  readonly connectionId: number;
  /** How the double answered; unset while it has not (yet). */
  readonly response?: RecordedResponse;
}

/** What the double did with a request. */
type RecordedResponse =
  | { readonly kind: 'http'; readonly status: number; readonly body?: unknown }
  | { readonly kind: 'reset' }
  | { readonly kind: 'hang' };

/** A multipart `POST /v2/deployments` body as recorded. */
interface RecordedDeployment {
  readonly resources: readonly {
    readonly name: string;
    readonly size: number;
    readonly text: string;
  }[];
  readonly tenantId?: string;
}

/** Where a fault applies and when. */
interface FaultTiming {
  /** Wait this long (ms, real time) before the fault takes effect. */
  readonly delayMs?: number;
  /**
   * Only for faults in the queue: the request path that consumes it, e.g.
   * `/v2/messages/publication` or `/oauth/token`. Without it, the next
   * request under `/v2` consumes it.
   */
  readonly path?: string;
  /**
   * Apply the fault after the engine processed the request (its effects,
   * such as a buffered message, stay): a 502/504/reset where the work was
   * in fact done. Default: before, nothing happens.
   */
  readonly afterProcessing?: boolean;
}

/** A failure the double produces instead of its normal answer. */
type CamundaFault = FaultTiming &
  (
    | {
        readonly kind: 'status';
        readonly status: number;
        /** Problem title; defaults to Camunda's for the status. */
        readonly title?: string;
        readonly detail?: string;
        /** A body to send instead of the problem detail. */
        readonly body?: unknown;
        readonly headers?: Readonly<Record<string, string>>;
      }
    /** The socket is destroyed with a TCP reset: no response at all. */
    | { readonly kind: 'reset' }
    /** No answer ever; the client's timeout fires. */
    | { readonly kind: 'hang' }
  );

/** How the double authenticates requests under `/v2`. */
type CamundaDoubleAuth =
  | { readonly mode: 'none' }
  | {
      readonly mode: 'basic';
      readonly username: string;
      readonly password: string;
    }
  | {
      /** Bearer tokens from the double's own `POST /oauth/token`. */
      readonly mode: 'oauth';
      readonly clientId: string;
      readonly clientSecret: string;
      /** Required `audience` of token requests; default `zeebe.camunda.io`. */
      readonly audience?: string;
      /** `expires_in` of issued tokens; default 3600. */
      readonly expiresInSeconds?: number;
    };

/** Options of `startCamundaDouble`; all optional. */
interface CamundaDoubleOptions {
  /**
   * Process ids that exist (version 1, with a none start event) besides
   * deployed ones. Unset: any process id exists.
   */
  readonly knownProcessIds?: readonly string[];
  /** Default: no authentication. */
  readonly auth?: CamundaDoubleAuth;
  /** Delay before every answer, ms (real time), or a function per request. */
  readonly delayMs?: number | ((request: RecordedRequest) => number);
  /**
   * Awaited before every answer, after `delayMs` (e.g. a virtual clock's
   * sleep: the engine's latency in simulated time).
   */
  readonly pause?: (request: RecordedRequest) => Promise<void> | undefined;
  /** Faults consumed one per matching request, in order. */
  readonly faults?: readonly CamundaFault[];
  /** Asked for every request; a returned fault is applied (e.g. 5 % 503s). */
  readonly fault?: (request: RecordedRequest) => CamundaFault | undefined;
  /**
   * Tenants when multi-tenancy is on. Unset: multi-tenancy is off and only
   * `<default>` (or no tenant) is accepted.
   */
  readonly tenants?: readonly string[];
  /** The double's clock, epoch ms (message TTLs, token expiry). */
  readonly now?: () => number;
  /**
   * Camunda 8.9's business id uniqueness control: creating an instance with
   * the business id of an instance of the same process definition and tenant
   * is rejected with 409 ALREADY_EXISTS (the double's instances never
   * complete, so they stay active). Default off, as in Camunda.
   */
  readonly businessIdUniqueness?: boolean;
}

/** A message the engine accepted. */
interface PublishedMessage {
  readonly messageKey: string;
  readonly name: string;
  readonly correlationKey: string;
  readonly messageId?: string;
  readonly timeToLive: number;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly tenantId: string;
  readonly publishedAt: number;
}

/** A process instance the engine created. */
interface CreatedInstance {
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionVersion: number;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly tenantId: string;
  /** The business id the instance was created with (8.9+), when any. */
  readonly businessId?: string;
}

/** A process definition the engine knows. */
interface KnownProcess {
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionVersion: number;
  readonly tenantId: string;
  readonly resourceName: string;
  /** False when the process has no none start event (create → 409). */
  readonly hasNoneStartEvent: boolean;
  /** The deployed resource (`GET /v2/process-definitions/{key}/xml`). */
  readonly xml: string;
  /** `DELETED` after `deleteProcessDefinition` (8.9+ resource deletion). */
  state: 'ACTIVE' | 'DELETED';
}

/** A message subscription: an instance waits at a message element. */
interface MessageSubscription {
  readonly messageSubscriptionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly processInstanceKey: string;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly messageName: string;
  readonly correlationKey: string;
  readonly tenantId: string;
  /** `CREATED` while waiting; `CORRELATED` once a message arrived. */
  state: 'CREATED' | 'CORRELATED' | 'DELETED';
  lastUpdatedDate: string;
}

export type {
  CamundaDoubleAuth,
  CamundaDoubleOptions,
  CamundaFault,
  CreatedInstance,
  FaultTiming,
  KnownProcess,
  MessageSubscription,
  PublishedMessage,
  RecordedDeployment,
  RecordedRequest,
  RecordedResponse,
};
