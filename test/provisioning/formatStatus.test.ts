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

  it('lists each active version and why it is active', () => {
    // Prepare
    const report: StatusReport = {
      processes: [
        {
          processId: 'order',
          sourceKey: 'processes/order.bpmn',
          sourceVersion: 'v3',
          state: 'ok',
          warnings: [],
          errors: [],
          bindings: [],
          deploymentKey: '30',
          processDefinitionKey: '31',
          versions: [
            {
              processDefinitionKey: '31',
              version: 3,
              latest: true,
              bindingIds: ['order--Payment--v1a2b3c4d5e'],
            },
            {
              processDefinitionKey: '21',
              version: 2,
              latest: false,
              supersededAt: '2026-01-01T00:00:00.000Z',
              emptyChecks: 0,
              lastCheck: {
                kind: 'waiting',
                at: '2026-01-01T00:05:00.000Z',
                subscriptions: 20_000,
                capped: true,
                elementIds: ['Payment'],
              },
              bindingIds: ['order--Payment'],
            },
            {
              processDefinitionKey: '11',
              version: 1,
              latest: false,
              emptyChecks: 1,
              lastCheck: { kind: 'none', at: '2026-01-01T00:05:00.000Z' },
              bindingIds: ['order--Payment'],
            },
            {
              processDefinitionKey: '5',
              latest: false,
              lastCheck: {
                kind: 'failed',
                at: '2026-01-01T00:05:00.000Z',
                reason: 'HTTP 503',
              },
              bindingIds: [],
            },
          ],
          updatedAt: '2026-01-01T00:05:00.000Z',
        },
      ],
      failedSources: [],
    };

    // Act
    const lines = formatStatus(report).split('\n');

    // Assess
    expect(lines.slice(3, 8)).toEqual([
      '  active versions:',
      '    version 3 (key 31): the latest version; bindings order--Payment--v1a2b3c4d5e',
      '    version 2 (key 21): at least 20000 waiting message subscription(s) at Payment (checked 2026-01-01T00:05:00.000Z); bindings order--Payment',
      '    version 1 (key 11): nothing waits (checked 2026-01-01T00:05:00.000Z); retired after 1 more empty check(s); bindings order--Payment',
      '    version (key 5): kept: the last check failed (2026-01-01T00:05:00.000Z: HTTP 503); retried at the next check; no bindings',
    ]);
  });

  it('says so when nothing is provisioned', () => {
    // Act & Assess
    expect(formatStatus({ processes: [], failedSources: [] })).toBe(
      'No processes are provisioned.'
    );
  });
});
