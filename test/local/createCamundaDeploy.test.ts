import { describe, expect, it } from 'vitest';
import { CamundaRequestError } from '../../lib/camunda/index.js';
import type { CamundaClient } from '../../lib/camunda/types.js';
import { createCamundaDeploy } from '../../lib/local/index.js';

const clientThat = (
  deployResources: CamundaClient['deployResources']
): Pick<CamundaClient, 'deployResources'> => ({ deployResources });

describe('Function: createCamundaDeploy', () => {
  it('deploys the file under its name and names the processes', async () => {
    // Prepare
    const sent: unknown[] = [];
    const deploy = createCamundaDeploy(
      clientThat(async (files) => {
        sent.push(files);
        return {
          deploymentKey: '1',
          processes: [
            {
              processDefinitionId: 'orders',
              processDefinitionVersion: 3,
              processDefinitionKey: '2251799813685249',
            },
          ],
        };
      })
    );

    // Act
    const result = await deploy('orders.bpmn', '<xml/>');

    // Assess
    expect(sent).toEqual([[{ name: 'orders.bpmn', content: '<xml/>' }]]);
    expect(result).toEqual({
      kind: 'deployed',
      detail: 'orders version 3',
      processes: [{ processId: 'orders', key: '2251799813685249', version: 3 }],
    });
  });

  it.each([
    {
      error: new CamundaRequestError('deployResources', {
        kind: 'poison',
        status: 400,
        reason: 'bad BPMN',
      }),
      kind: 'rejected',
    },
    {
      error: new CamundaRequestError('deployResources', {
        kind: 'retry',
        status: 503,
        reason: 'busy',
      }),
      kind: 'retry',
    },
    { error: new Error('socket hang up'), kind: 'retry' },
  ])(
    'answers $kind when the client throws $error.message',
    async ({ error, kind }) => {
      // Prepare
      const deploy = createCamundaDeploy(
        clientThat(async () => {
          throw error;
        })
      );

      // Act
      const result = await deploy('orders.bpmn', '<xml/>');

      // Assess
      expect(result).toEqual({ kind, reason: error.message });
    }
  );
});
