import { CamundaRequestError } from '../camunda/index.js';
import type { CamundaClient } from '../camunda/types.js';
import { describeError } from '../common/index.js';
import type { LocalDeploy } from './types.js';

/**
 * Deploys one BPMN file with the Camunda client (`POST /v2/deployments`):
 * refused (4xx) when Camunda will never take it as it is, retry when it
 * cannot be reached or is busy.
 *
 * @param camunda - the Camunda client
 */
const createCamundaDeploy =
  (camunda: Pick<CamundaClient, 'deployResources'>): LocalDeploy =>
  async (file, xml) => {
    try {
      const summary = await camunda.deployResources([
        { name: file, content: xml },
      ]);
      return {
        kind: 'deployed',
        detail: summary.processes
          .map(
            (p) =>
              `${p.processDefinitionId} version ${p.processDefinitionVersion}`
          )
          .join(', '),
        processes: summary.processes.map((p) => ({
          processId: p.processDefinitionId,
          key: p.processDefinitionKey,
          version: p.processDefinitionVersion,
        })),
      };
    } catch (error) {
      if (error instanceof CamundaRequestError) {
        return {
          kind: error.outcome.kind === 'poison' ? 'rejected' : 'retry',
          reason: error.message,
        };
      }
      return { kind: 'retry', reason: describeError(error, { causes: true }) };
    }
  };

export { createCamundaDeploy };
