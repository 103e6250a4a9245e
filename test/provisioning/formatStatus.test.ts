import { describe, expect, it } from 'vitest';
import {
  buildProcessStatus,
  formatStatus,
  type StatusReport,
} from '../../lib/provisioning/index.js';

describe('Function: buildProcessStatus', () => {
  it.each([
    { warnings: 0, errors: 0, state: 'ok' },
    { warnings: 1, errors: 0, state: 'warnings' },
    { warnings: 1, errors: 1, state: 'errors' },
  ])(
    'is $state with $warnings warnings and $errors errors',
    ({ warnings, errors, state }) => {
      // Act
      const status = buildProcessStatus({
        processId: 'order',
        sourceKey: 'processes/order.bpmn',
        sourceVersion: 'v2',
        warnings: Array.from({ length: warnings }, () => ({ message: 'w' })),
        errors: Array.from({ length: errors }, () => ({ message: 'e' })),
        bindings: [],
        appliedVersion: 'v1',
        now: new Date('2026-01-01T00:00:00Z'),
      });

      // Assess
      expect(status).toMatchObject({
        state,
        appliedVersion: 'v1',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    }
  );
});

describe('Function: formatStatus', () => {
  it('shows each binding with its live ESM state and last processing result', () => {
    // Prepare
    const report: StatusReport = {
      processes: [
        {
          processId: 'order',
          sourceKey: 'processes/order.bpmn',
          sourceVersion: 'v2',
          state: 'errors',
          warnings: [
            {
              elementId: 'Start',
              property: 'fetch.max.wait.ms',
              message: 'rounded',
            },
          ],
          errors: [
            {
              elementId: 'Start',
              property: 'topic.topicName',
              message: 'missing',
            },
          ],
          bindings: [
            {
              bindingId: 'order--Start',
              revision: 'abc',
              aliasName: 'order--Start',
              esmUuid: 'uuid-1',
              esmState: 'Creating',
              liveState: 'Enabled',
              lastProcessingResult: 'PROBLEM: SASL authentication failed',
              note: 'replaced: records may be replayed or skipped',
              topic: 'orders',
            },
          ],
          deploymentKey: '1',
          processDefinitionKey: '2',
          appliedVersion: 'v1',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
      failedSources: [
        {
          sourceKey: 'processes/broken.bpmn',
          processIds: [],
          errors: [{ message: 'not an XML file' }],
        },
      ],
    };

    // Act
    const text = formatStatus(report);

    // Assess
    expect(text.split('\n')).toEqual([
      'order: ERRORS',
      '  file processes/order.bpmn (version v2), updated 2026-01-01T00:00:00.000Z',
      '  deployed bindings are from version v1; this version was not applied',
      '  Camunda deployment 1, process definition key 2',
      '    binding order--Start (revision abc, topic orders)',
      '      ESM uuid-1: Enabled, last processing result: PROBLEM: SASL authentication failed',
      '      note: replaced: records may be replayed or skipped',
      '    error [Start / topic.topicName]: missing',
      '    warning [Start / fetch.max.wait.ms]: rounded',
      '',
      'processes/broken.bpmn: ERRORS (nothing is provisioned from this file)',
      '    error: not an XML file',
    ]);
  });

  it('says so when nothing is provisioned', () => {
    // Act & Assess
    expect(formatStatus({ processes: [], failedSources: [] })).toBe(
      'No processes are provisioned.'
    );
  });
});
