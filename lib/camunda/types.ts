/** `POST /v2/process-instances`, by process id (latest version) or by key. */
type CreateProcessInstanceRequest =
  | {
      readonly processDefinitionId: string;
      readonly processDefinitionVersion?: number;
      readonly variables?: Readonly<Record<string, unknown>>;
      readonly tenantId?: string;
    }
  | {
      readonly processDefinitionKey: string;
      readonly variables?: Readonly<Record<string, unknown>>;
      readonly tenantId?: string;
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
  | { readonly kind: 'retry'; readonly status?: number; readonly reason: string }
  | { readonly kind: 'poison'; readonly status?: number; readonly reason: string };

/** The Camunda calls the consumer makes. */
interface CamundaPort {
  createProcessInstance(
    request: CreateProcessInstanceRequest
  ): Promise<CamundaOutcome>;
  publishMessage(request: PublishMessageRequest): Promise<CamundaOutcome>;
}

export type {
  CamundaOutcome,
  CamundaPort,
  CreateProcessInstanceRequest,
  PublishMessageRequest,
};
