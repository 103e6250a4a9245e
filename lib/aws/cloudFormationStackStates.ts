import {
  type CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import type { StackStates } from '../provisioning/index.js';
import { StackStatusUnavailableError } from './errors.js';

interface CloudFormationStackStatesOptions {
  readonly client: CloudFormationClient;
}

/**
 * The provisioner's StackStates port on CloudFormation's DescribeStacks
 * (by stack id, which also finds a stack being deleted).
 *
 * @param options - the CloudFormation client
 */
const cloudFormationStackStates = (
  options: CloudFormationStackStatesOptions
): StackStates => ({
  status: async (stackId) => {
    const { Stacks: stacks = [] } = await options.client.send(
      new DescribeStacksCommand({ StackName: stackId })
    );
    const status = stacks[0]?.StackStatus;
    if (status === undefined) {
      throw new StackStatusUnavailableError(stackId);
    }
    return status;
  },
});

export type { CloudFormationStackStatesOptions };
export { cloudFormationStackStates };
