import type {
  CamundaOutcome,
  CamundaPort,
  CreateProcessInstanceRequest,
  PublishMessageRequest,
} from '../../lib/camunda/types.js';
import type {
  DeadLetter,
  DeadLetterSink,
  ResolvedOffsetsStore,
} from '../../lib/consumer/types.js';
import { SoakInvocationKilledError } from './errors.js';

/** The ports one invocation sees, and its kill switch. */
interface InvocationScope {
  readonly camunda: CamundaPort;
  readonly deadLetters: DeadLetterSink;
  /** The shared resolved-offsets store, refused once killed. */
  readonly resolvedOffsets?: ResolvedOffsetsStore;
  /** Settles when the invocation is killed (never, when it is not). */
  readonly killed: Promise<void>;
  /** Kills the invocation now (e.g. at its function timeout). */
  kill(): void;
  wasKilled(): boolean;
  /** Camunda calls the invocation started (killed or not). */
  calls(): number;
  /** The requests that were in flight when the invocation was killed. */
  abandoned(): readonly SoakCall[];
}

/** A Camunda request the consumer made. */
type SoakCall = CreateProcessInstanceRequest | PublishMessageRequest;

interface InvocationScopeOptions {
  readonly camunda: CamundaPort;
  /** Survives invocations, like the DynamoDB table it stands for. */
  readonly resolvedOffsets?: ResolvedOffsetsStore;
  /** Where accepted letters go (the dead-letter queue outlives invocations). */
  readonly onLetters: (letters: readonly DeadLetter[]) => void;
  /**
   * Kill the invocation right after it sends Camunda call number
   * `killAtCall`: that call (and any other in flight) reaches Camunda but
   * never answers. Undefined: never.
   */
  readonly killAtCall?: number;
  /** Told every outcome that reaches the (live) invocation. */
  readonly onOutcome?: (request: SoakCall, outcome: CamundaOutcome) => void;
}

/**
 * Wraps the Camunda port and the dead-letter sink of one invocation so that
 * it can be killed mid-batch, as a Lambda that times out or crashes: from
 * the kill on, every call and every letter is refused, and the calls in
 * flight never report back (their requests still reach Camunda and take
 * effect there), and so is the resolved-offsets store. Refusing (rather
 * than hanging) lets the abandoned batch
 * algorithm wind down, and keeps the outcome of a lost answer out of the
 * idempotency store, as with a dead function.
 *
 * @param options - The real ports and when to kill.
 */
const createInvocationScope = (
  options: InvocationScopeOptions
): InvocationScope => {
  const pending = new Map<(error: Error) => void, SoakCall>();
  const abandoned: SoakCall[] = [];
  let killed = false;
  let started = 0;
  let onKilled: () => void = () => undefined;
  const killedPromise = new Promise<void>((resolve) => {
    onKilled = resolve;
  });

  const kill = (): void => {
    if (killed) return;
    killed = true;
    for (const [reject, request] of pending) {
      abandoned.push(request);
      reject(new SoakInvocationKilledError());
    }
    pending.clear();
    onKilled();
  };

  const guard = (
    request: SoakCall,
    call: () => Promise<CamundaOutcome>
  ): Promise<CamundaOutcome> => {
    started += 1;
    if (killed) return Promise.reject(new SoakInvocationKilledError());
    const answer = new Promise<CamundaOutcome>((resolve, reject) => {
      pending.set(reject, request);
      call().then(
        (outcome) => {
          if (!pending.delete(reject)) return;
          options.onOutcome?.(request, outcome);
          resolve(outcome);
        },
        (error: unknown) => {
          if (!pending.delete(reject)) return;
          reject(error);
        }
      );
    });
    // The call is on its way (the client sends it whatever happens next).
    if (started === options.killAtCall) kill();
    return answer;
  };

  const store = options.resolvedOffsets;
  return {
    camunda: {
      ...(options.camunda.requestTimeoutMs === undefined
        ? {}
        : { requestTimeoutMs: options.camunda.requestTimeoutMs }),
      createProcessInstance: (request) =>
        guard(request, () => options.camunda.createProcessInstance(request)),
      publishMessage: (request) =>
        guard(request, () => options.camunda.publishMessage(request)),
    },
    deadLetters: {
      send: async (letters) => {
        if (killed) throw new SoakInvocationKilledError();
        options.onLetters(letters);
      },
    },
    ...(store === undefined
      ? {}
      : {
          resolvedOffsets: {
            load: async (key) => {
              if (killed) throw new SoakInvocationKilledError();
              return store.load(key);
            },
            save: async (key, entry) => {
              if (killed) throw new SoakInvocationKilledError();
              await store.save(key, entry);
            },
          },
        }),
    killed: killedPromise,
    kill,
    wasKilled: () => killed,
    calls: () => started,
    abandoned: () => abandoned,
  };
};

export type { InvocationScope, InvocationScopeOptions, SoakCall };
export { createInvocationScope };
