import type {
  CamundaOutcome,
  CamundaPort,
  CreateProcessInstanceRequest,
  PublishMessageRequest,
} from '../camunda/types.js';

/** A request the dry run would have sent. */
interface DryRunRequest {
  readonly method: 'POST';
  readonly path: string;
  readonly body: CreateProcessInstanceRequest | PublishMessageRequest;
}

/**
 * A Camunda port that sends nothing: it tells `onRequest` what would be
 * sent and answers that it was done.
 *
 * @param onRequest - told about each request
 */
const dryRunCamunda = (
  onRequest: (request: DryRunRequest) => void
): CamundaPort => {
  const record = (
    path: string,
    body: CreateProcessInstanceRequest | PublishMessageRequest
  ): CamundaOutcome => {
    onRequest({ method: 'POST', path, body });
    return { kind: 'done', status: 200 };
  };
  return {
    createProcessInstance: async (request) =>
      record('/v2/process-instances', request),
    publishMessage: async (request) =>
      record('/v2/messages/publication', request),
  };
};

export type { DryRunRequest };
export { dryRunCamunda };
