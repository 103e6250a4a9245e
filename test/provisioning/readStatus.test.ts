import { describe, expect, it } from 'vitest';
import {
  type LiveEsm,
  readStatus,
  type StatusSource,
} from '../../lib/provisioning/index.js';
import type { ProcessStatus } from '../../lib/store/index.js';

const statusOf = (processId: string, esmUuids: string[]): ProcessStatus => ({
  processId,
  sourceKey: `processes/${processId}.bpmn`,
  sourceVersion: 'v1',
  state: 'ok',
  warnings: [],
  errors: [],
  bindings: esmUuids.map((uuid, index) => ({
    bindingId: `${processId}--E${index}`,
    revision: 'r1',
    aliasName: `${processId}--E${index}`,
    ...(uuid === '' ? {} : { esmUuid: uuid }),
  })),
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const sourceOf = (
  live: Readonly<Record<string, LiveEsm>>,
  asked: (string | undefined)[] = []
): StatusSource => ({
  readRecords: async (processId) => {
    asked.push(processId);
    return {
      statuses: [statusOf('shipping', ['u2']), statusOf('order', ['u1', ''])],
      failedSources: [
        { sourceKey: 'processes/z.bpmn', processIds: [], errors: [] },
        { sourceKey: 'processes/a.bpmn', processIds: [], errors: [] },
      ],
    };
  },
  readEsm: async (uuid) => live[uuid] ?? { kind: 'missing' },
});

describe('Function: readStatus', () => {
  it('sorts processes and files and adds each ESM’s live state, or why it could not be read', async () => {
    // Prepare
    const asked: (string | undefined)[] = [];
    const source = sourceOf(
      {
        u1: {
          kind: 'found',
          state: 'Enabled',
          lastProcessingResult: 'OK',
          stateTransitionReason: 'USER_INITIATED',
        },
        u2: { kind: 'unreadable', reason: 'AccessDeniedException' },
      },
      asked
    );

    // Act
    const report = await readStatus(source);

    // Assess
    expect(asked).toEqual([undefined]);
    expect(report.processes.map((p) => p.processId)).toEqual([
      'order',
      'shipping',
    ]);
    expect(report.processes[0]?.bindings).toEqual([
      {
        bindingId: 'order--E0',
        revision: 'r1',
        aliasName: 'order--E0',
        esmUuid: 'u1',
        liveState: 'Enabled',
        lastProcessingResult: 'OK',
        stateTransitionReason: 'USER_INITIATED',
      },
      { bindingId: 'order--E1', revision: 'r1', aliasName: 'order--E1' },
    ]);
    expect(report.processes[1]?.bindings[0]?.readError).toBe(
      'AccessDeniedException'
    );
    expect(report.failedSources.map((s) => s.sourceKey)).toEqual([
      'processes/a.bpmn',
      'processes/z.bpmn',
    ]);
  });

  it('says when an ESM no longer exists, and asks for one process only when told', async () => {
    // Prepare
    const asked: (string | undefined)[] = [];

    // Act
    const report = await readStatus(sourceOf({}, asked), 'order');

    // Assess
    expect(asked).toEqual(['order']);
    expect(report.processes[1]?.bindings[0]?.readError).toBe(
      'the event source mapping does not exist'
    );
  });
});
