import { describe, expect, it } from 'vitest';
import type {
  CamundaOutcome,
  CamundaPort,
  PublishMessageRequest,
} from '../../../lib/camunda/types.js';
import { createMemoryResolvedOffsets } from '../../../lib/consumer/index.js';
import type { DeadLetter } from '../../../lib/consumer/types.js';
import {
  createInvocationScope,
  SoakInvocationKilledError,
} from '../../../tools/soak/index.js';

const done: CamundaOutcome = { kind: 'done', status: 200 };

const letter: DeadLetter = {
  processId: 'p',
  bindingId: 'b',
  bindingRevision: 'r',
  cluster: 'unknown',
  topic: 't',
  partition: 0,
  offset: 1,
  timestamp: 0,
  key: null,
  classification: 'poison',
  reason: 'camunda-rejected',
  error: 'HTTP 400',
  record: { topic: 't', partition: 0, offset: 1, timestamp: 0 },
  deadLetteredAt: '2026-01-01T00:00:00.000Z',
};

const publication = (messageId: string): PublishMessageRequest => ({
  name: 'n',
  correlationKey: 'k',
  timeToLive: 1000,
  messageId,
});

/** A Camunda port whose answers the test releases by hand. */
const manualCamunda = () => {
  const sent: string[] = [];
  const release: (() => void)[] = [];
  const camunda: CamundaPort = {
    createProcessInstance: async () => done,
    publishMessage: (request) => {
      sent.push(request.messageId);
      return new Promise((resolve) => {
        release.push(() => resolve(done));
      });
    },
  };
  return { camunda, sent, release };
};

describe('Function: createInvocationScope', () => {
  it('passes calls and letters through while the invocation lives', async () => {
    // Prepare
    const { camunda, release } = manualCamunda();
    const letters: DeadLetter[] = [];
    const outcomes: CamundaOutcome[] = [];
    const scope = createInvocationScope({
      camunda,
      onLetters: (sent) => letters.push(...sent),
      onOutcome: (_request, outcome) => outcomes.push(outcome),
    });

    // Act
    const call = scope.camunda.publishMessage(publication('a'));
    release[0]?.();
    await scope.deadLetters.send([letter]);

    // Assess
    await expect(call).resolves.toEqual(done);
    expect(outcomes).toEqual([done]);
    expect(letters).toHaveLength(1);
    expect(scope.wasKilled()).toBe(false);
  });

  it('dies right after sending the given call: calls in flight never answer, later ones are refused', async () => {
    // Prepare
    const { camunda, sent, release } = manualCamunda();
    const letters: DeadLetter[] = [];
    const outcomes: CamundaOutcome[] = [];
    const scope = createInvocationScope({
      camunda,
      killAtCall: 2,
      onLetters: (sent) => letters.push(...sent),
      onOutcome: (_request, outcome) => outcomes.push(outcome),
    });
    const first = scope.camunda.publishMessage(publication('a'));
    const second = scope.camunda.publishMessage(publication('b'));

    // Act
    const third = scope.camunda.publishMessage(publication('c'));
    for (const answer of release) answer();

    // Assess
    await expect(first).rejects.toBeInstanceOf(SoakInvocationKilledError);
    await expect(second).rejects.toBeInstanceOf(SoakInvocationKilledError);
    await expect(third).rejects.toBeInstanceOf(SoakInvocationKilledError);
    await expect(scope.killed).resolves.toBeUndefined();
    await expect(scope.deadLetters.send([letter])).rejects.toBeInstanceOf(
      SoakInvocationKilledError
    );
    expect(sent).toEqual(['a', 'b']);
    expect(scope.abandoned()).toEqual([publication('a'), publication('b')]);
    expect(outcomes).toEqual([]);
    expect(letters).toEqual([]);
    expect(scope.calls()).toBe(3);
  });

  it('can be killed at any time, e.g. at its function timeout, and tells the request timeout on', async () => {
    // Prepare
    const { camunda } = manualCamunda();
    const scope = createInvocationScope({
      camunda: { ...camunda, requestTimeoutMs: 10_000 },
      onLetters: () => undefined,
    });
    const call = scope.camunda.publishMessage(publication('a'));

    // Act
    scope.kill();

    // Assess
    expect(scope.camunda.requestTimeoutMs).toBe(10_000);
    await expect(call).rejects.toBeInstanceOf(SoakInvocationKilledError);
    expect(scope.wasKilled()).toBe(true);
    expect(scope.abandoned()).toEqual([publication('a')]);
  });

  it('shares the resolved-offsets store while alive and refuses it once killed', async () => {
    // Prepare
    const store = createMemoryResolvedOffsets();
    const { camunda } = manualCamunda();
    const scope = createInvocationScope({
      camunda,
      resolvedOffsets: store,
      onLetters: () => undefined,
    });
    await scope.resolvedOffsets?.save('k', { from: 1, offsets: [2] });

    // Act
    scope.kill();

    // Assess
    expect(await store.load('k')).toEqual({ from: 1, offsets: [2] });
    await expect(scope.resolvedOffsets?.load('k')).rejects.toBeInstanceOf(
      SoakInvocationKilledError
    );
    await expect(
      scope.resolvedOffsets?.save('k', undefined)
    ).rejects.toBeInstanceOf(SoakInvocationKilledError);
  });
});
