import { SOAK_FAULT_KINDS, SOAK_POISON_DETAIL } from './constants.js';
import { unitHash } from './seededRandom.js';
import type {
  SoakDataset,
  SoakFault,
  SoakFaultKind,
  SoakFaultRates,
  SoakRecordedRequest,
} from './types.js';

/** Decides the double's faults and remembers what it injected. */
interface FaultPlan {
  /** The double's fault function: asked once per request. */
  decide(request: SoakRecordedRequest): SoakFault | undefined;
  /** Faults injected so far, by kind. */
  readonly injected: Readonly<Record<SoakFaultKind, number>>;
  /** The fault injected into a request, by the double's request id. */
  faultOf(requestId: number): SoakFaultKind | undefined;
  /**
   * How long Camunda takes to answer a request (by the double's request
   * id), ms: drawn like the faults; 0 without a latency.
   */
  latencyOf(requestId: number): number;
}

interface FaultPlanOptions {
  readonly seed: number;
  readonly rates: Pick<SoakFaultRates, 'unavailable' | 'timeout' | 'reset'>;
  readonly dataset: Pick<SoakDataset, 'index'>;
  /** Camunda's answer time: uniform in mean ± jitter, ms. */
  readonly latency?: { readonly meanMs: number; readonly jitterMs: number };
}

/**
 * The record a request is for: the soak's result expression puts its id in
 * the variables (`soakRecord`).
 */
const recordIdOfRequest = (body: unknown): string | undefined => {
  if (body === null || typeof body !== 'object') return undefined;
  const variables = 'variables' in body ? body.variables : undefined;
  if (variables === null || typeof variables !== 'object') return undefined;
  const id = 'soakRecord' in variables ? variables.soakRecord : undefined;
  return typeof id === 'string' ? id : undefined;
};

const toFault = (kind: SoakFaultKind, recordId: string): SoakFault => {
  switch (kind) {
    case 'poison400':
      return {
        kind: 'status',
        status: 400,
        title: 'INVALID_ARGUMENT',
        detail: `${SOAK_POISON_DETAIL} ${recordId}`,
      };
    case 'unavailable503':
      return {
        kind: 'status',
        status: 503,
        title: 'RESOURCE_EXHAUSTED',
        detail:
          'Expected to handle REST API request, but the broker rejected it due to backpressure (RESOURCE_EXHAUSTED).',
      };
    case 'timeoutBeforeProcessing':
      return { kind: 'hang' };
    case 'timeoutAfterProcessing':
      return { kind: 'hang', afterProcessing: true };
    case 'connectionReset':
      return { kind: 'reset' };
  }
};

/**
 * The soak's fault injection. A poison record gets a 400 on every request.
 * Any other request draws its fault from a hash of seed, record and attempt
 * number (not from a shared stream), so the same record meets the same
 * faults however concurrent requests interleave: 503 RESOURCE_EXHAUSTED,
 * no answer (half before, half after the engine did the work) or a TCP
 * reset, with the given probabilities. With a latency, each request also
 * draws how long Camunda takes to answer it (uniform in mean ± jitter).
 *
 * @param options - Seed, per-request rates and the records (poison flags).
 */
const createFaultPlan = (options: FaultPlanOptions): FaultPlan => {
  const { seed, rates, dataset } = options;
  const attempts = new Map<string, number>();
  const byRequest = new Map<number, SoakFaultKind>();
  const latencies = new Map<number, number>();
  const injected = Object.fromEntries(
    SOAK_FAULT_KINDS.map((kind) => [kind, 0])
  ) as Record<SoakFaultKind, number>;

  const draw = (
    recordId: string,
    attempt: number
  ): SoakFaultKind | undefined => {
    if (dataset.index.get(recordId)?.poison === true) return 'poison400';
    const roll = unitHash(seed, 'fault', recordId, attempt);
    let bound = rates.unavailable;
    if (roll < bound) return 'unavailable503';
    bound += rates.timeout / 2;
    if (roll < bound) return 'timeoutBeforeProcessing';
    bound += rates.timeout / 2;
    if (roll < bound) return 'timeoutAfterProcessing';
    bound += rates.reset;
    if (roll < bound) return 'connectionReset';
    return undefined;
  };

  const decide = (request: SoakRecordedRequest): SoakFault | undefined => {
    const recordId = recordIdOfRequest(request.body);
    if (recordId === undefined) return undefined;
    const attempt = attempts.get(recordId) ?? 0;
    attempts.set(recordId, attempt + 1);
    if (options.latency !== undefined) {
      const { meanMs, jitterMs } = options.latency;
      const roll = unitHash(seed, 'latency', recordId, attempt);
      latencies.set(
        request.id,
        Math.max(0, Math.round(meanMs + (2 * roll - 1) * jitterMs))
      );
    }
    const kind = draw(recordId, attempt);
    if (kind === undefined) return undefined;
    injected[kind] += 1;
    byRequest.set(request.id, kind);
    return toFault(kind, recordId);
  };

  return {
    decide,
    injected,
    faultOf: (requestId) => byRequest.get(requestId),
    latencyOf: (requestId) => latencies.get(requestId) ?? 0,
  };
};

export type { FaultPlan, FaultPlanOptions };
export { createFaultPlan, recordIdOfRequest };
