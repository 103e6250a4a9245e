import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { FunctionSubnetSettings } from './types.js';

/**
 * Runs a function in the given subnets (its `VpcConfig`), with the network
 * interface rights Lambda needs for that (what
 * AWSLambdaVPCAccessExecutionRole grants, inline). The function then
 * reaches Camunda inside the VPC, and AWS APIs only through the VPC's NAT
 * gateway or interface endpoints (docs/deploy.md lists them).
 *
 * @param fn - the consumer or the provisioner
 * @param subnets - private subnets and security groups
 */
const placeInSubnets = (
  fn: NodejsFunction,
  subnets: FunctionSubnetSettings
): void => {
  const cfn = fn.node.defaultChild as CfnFunction;
  cfn.vpcConfig = {
    subnetIds: [...subnets.subnetIds],
    securityGroupIds: [...subnets.securityGroupIds],
  };
  // wildcard(unscoped-actions): EC2 network interface actions have no
  // resource-level scoping.
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'FunctionInSubnets',
      actions: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      resources: ['*'],
    })
  );
};

export { placeInSubnets };
