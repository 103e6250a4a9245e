import type {
  CamundaOutcome,
  CamundaPort,
  CreateProcessInstanceRequest,
  PublishMessageRequest,
} from '../../lib/camunda/types.js';
import type { DeadLetter, DeadLetterSink } from '../../lib/consumer/types.js';

type FakeCall =
  | { readonly op: 'create'; readonly request: CreateProcessInstanceRequest }
  | { readonly op: 'publish'; readonly request: PublishMessageRequest };

/** Decides a call's outcome; undefined = the fake's normal behaviour. */
type Responder = (call: FakeCall) => CamundaOutcome | undefined;

interface FakeCamunda extends CamundaPort {
  /** Every call, in the order they arrived. */
  readonly calls: FakeCall[];
  /** Process instances actually created (not rejected). */
  readonly instances: CreateProcessInstanceRequest[];
  /** Messages actually published, by message id (Camunda deduplicates on it). */
  readonly messages: Map<string, PublishMessageRequest>;
  /** Most calls running at the same time. */
  readonly maxInFlight: () => number;
  respond(responder: Responder): void;
}

/**
 * An in-memory Camunda: creates instances, publishes messages, answers a
 * message id already published with a 409 duplicate (done), and lets a test
 * script any outcome. `pause` runs inside each call so concurrent calls
 * overlap (e.g. a `setImmediate` tick), without timing assertions.
 */
const createFakeCamunda = (
  options: { readonly pause?: () => Promise<void> } = {}
): FakeCamunda => {
  const calls: FakeCall[] = [];
  const instances: CreateProcessInstanceRequest[] = [];
  const messages = new Map<string, PublishMessageRequest>();
  let responder: Responder = () => undefined;
  let inFlight = 0;
  let maxInFlight = 0;

  const handle = async (
    call: FakeCall,
    normal: () => CamundaOutcome
  ): Promise<CamundaOutcome> => {
    calls.push(call);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await options.pause?.();
      return responder(call) ?? normal();
    } finally {
      inFlight--;
    }
  };

  return {
    calls,
    instances,
    messages,
    maxInFlight: () => maxInFlight,
    respond: (next) => {
      responder = next;
    },
    createProcessInstance: (request) =>
      handle({ op: 'create', request }, () => {
        instances.push(request);
        return {
          kind: 'done',
          status: 200,
          body: {
            processInstanceKey: String(2251799813685249 + instances.length),
          },
        };
      }),
    publishMessage: (request) =>
      handle({ op: 'publish', request }, () => {
        if (messages.has(request.messageId)) {
          return { kind: 'done', status: 409, duplicate: true };
        }
        messages.set(request.messageId, request);
        return { kind: 'done', status: 200, body: { messageKey: '1' } };
      }),
  };
};

interface MemoryDeadLetterSink extends DeadLetterSink {
  readonly letters: DeadLetter[];
  /** Makes every later `send` reject with this error (undefined: accept). */
  failWith(error: Error | undefined): void;
}

/** A dead-letter sink that keeps letters in memory and can be made to fail. */
const createMemoryDeadLetterSink = (): MemoryDeadLetterSink => {
  const letters: DeadLetter[] = [];
  let failure: Error | undefined;
  return {
    letters,
    failWith: (error) => {
      failure = error;
    },
    send: async (batch) => {
      if (failure !== undefined) throw failure;
      letters.push(...batch);
    },
  };
};

/** One macrotask tick: lets every ready microtask chain reach its await. */
const nextTick = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

export type { FakeCall, FakeCamunda, MemoryDeadLetterSink, Responder };
export { createFakeCamunda, createMemoryDeadLetterSink, nextTick };
