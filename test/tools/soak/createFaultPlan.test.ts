import { describe, expect, it } from 'vitest';
import {
  createFaultPlan,
  generateDataset,
  SOAK_POISON_DETAIL,
  type SoakRecordedRequest,
} from '../../../tools/soak/index.js';

const dataset = generateDataset({
  records: 4_000,
  partitions: 4,
  keys: 100,
  seed: 3,
  poisonRate: 0.01,
});

const rates = { unavailable: 0.1, timeout: 0.02, reset: 0.01 };

let requestId = 0;
const requestFor = (recordId: string): SoakRecordedRequest => ({
  id: ++requestId,
  path: '/v2/messages/publication',
  body: { name: 'n', variables: { soakRecord: recordId } },
});

describe('Function: createFaultPlan', () => {
  it('rejects every request for a poison record with a 400 naming it', () => {
    // Prepare
    const plan = createFaultPlan({ seed: 3, rates, dataset });
    const poison = [...dataset.index.values()].find((info) => info.poison);

    // Act
    const faults = [1, 2, 3].map(() =>
      plan.decide(requestFor(poison?.id ?? ''))
    );

    // Assess
    expect(faults).toEqual(
      [1, 2, 3].map(() => ({
        kind: 'status',
        status: 400,
        title: 'INVALID_ARGUMENT',
        detail: `${SOAK_POISON_DETAIL} ${poison?.id}`,
      }))
    );
    expect(plan.injected.poison400).toBe(3);
  });

  it('injects each fault at about its rate and remembers it by request', () => {
    // Prepare
    const plan = createFaultPlan({ seed: 3, rates, dataset });
    const healthy = [...dataset.index.values()].filter((info) => !info.poison);
    const requests = healthy.map((info) => requestFor(info.id));

    // Act
    const faults = requests.map((request) => plan.decide(request));

    // Assess
    const n = healthy.length;
    expect(plan.injected.unavailable503 / n).toBeCloseTo(0.1, 1);
    expect(plan.injected.connectionReset / n).toBeCloseTo(0.01, 1);
    const timeouts =
      plan.injected.timeoutBeforeProcessing +
      plan.injected.timeoutAfterProcessing;
    expect(timeouts / n).toBeCloseTo(0.02, 1);
    expect(plan.injected.timeoutAfterProcessing).toBeGreaterThan(0);
    for (const [index, fault] of faults.entries()) {
      const kind = plan.faultOf(requests[index]?.id ?? -1);
      if (fault === undefined) expect(kind).toBeUndefined();
      if (fault?.kind === 'hang') {
        expect(kind).toBe(
          fault.afterProcessing === true
            ? 'timeoutAfterProcessing'
            : 'timeoutBeforeProcessing'
        );
      }
    }
  });

  it('draws the same faults for the same record and attempt in any order', () => {
    // Prepare
    const ids = [...dataset.index.keys()].slice(0, 500);
    const forward = createFaultPlan({ seed: 3, rates, dataset });
    const backward = createFaultPlan({ seed: 3, rates, dataset });

    // Act
    const a = ids.map((id) => forward.decide(requestFor(id)));
    const b = [...ids].reverse().map((id) => backward.decide(requestFor(id)));

    // Assess
    expect(b.reverse()).toEqual(a);
  });

  it('leaves a request that names no record alone', () => {
    // Prepare
    const plan = createFaultPlan({ seed: 3, rates, dataset });

    // Act
    const fault = plan.decide({ id: 1, path: '/v2/topology', body: undefined });

    // Assess
    expect(fault).toBeUndefined();
  });

  it("draws each request's answer time in mean ± jitter, the same for the same record and attempt", () => {
    // Prepare
    const latency = { meanMs: 1500, jitterMs: 500 };
    const one = createFaultPlan({ seed: 3, rates, dataset, latency });
    const two = createFaultPlan({ seed: 3, rates, dataset, latency });
    const ids = [...dataset.index.keys()].slice(0, 500);

    // Act
    const drawn = (plan: typeof one) =>
      ids.flatMap((id) =>
        [0, 1].map(() => {
          const request = requestFor(id);
          plan.decide(request);
          return plan.latencyOf(request.id);
        })
      );
    const first = drawn(one);
    const second = drawn(two);

    // Assess
    expect(second).toEqual(first);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...first)).toBeLessThanOrEqual(2000);
    const mean = first.reduce((sum, ms) => sum + ms, 0) / first.length;
    expect(mean).toBeGreaterThan(1450);
    expect(mean).toBeLessThan(1550);
  });

  it('has no answer time without a latency', () => {
    // Prepare
    const plan = createFaultPlan({ seed: 3, rates, dataset });
    const request = requestFor([...dataset.index.keys()][0] ?? '');

    // Act
    plan.decide(request);

    // Assess
    expect(plan.latencyOf(request.id)).toBe(0);
  });
});
