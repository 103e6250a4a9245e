import { TeardownDefaults } from './constants.js';
import type { TeardownRequest } from './types.js';

const REQUEST_TYPES = new Set(['Create', 'Update', 'Delete']);

const text = (
  record: Readonly<Record<string, unknown>>,
  name: string
): string | undefined =>
  typeof record[name] === 'string' && record[name] !== ''
    ? (record[name] as string)
    : undefined;

/**
 * The CloudFormation custom resource request for the teardown resource
 * (`ResourceType` Custom::KafkaInboundTeardown), or undefined when the
 * Lambda event is something else (an S3 event, the schedule's).
 *
 * @param event - the provisioner's Lambda event
 */
const parseTeardownRequest = (event: unknown): TeardownRequest | undefined => {
  if (event === null || typeof event !== 'object') {
    return undefined;
  }
  const record = event as Readonly<Record<string, unknown>>;
  const requestType = text(record, 'RequestType');
  const stackId = text(record, 'StackId');
  const requestId = text(record, 'RequestId');
  const logicalResourceId = text(record, 'LogicalResourceId');
  const responseUrl = text(record, 'ResponseURL');
  const physicalResourceId = text(record, 'PhysicalResourceId');
  if (
    text(record, 'ResourceType') !== TeardownDefaults.resourceType ||
    requestType === undefined ||
    !REQUEST_TYPES.has(requestType) ||
    stackId === undefined ||
    requestId === undefined ||
    logicalResourceId === undefined ||
    responseUrl === undefined
  ) {
    return undefined;
  }
  return {
    requestType: requestType as TeardownRequest['requestType'],
    stackId,
    requestId,
    logicalResourceId,
    responseUrl,
    ...(physicalResourceId === undefined ? {} : { physicalResourceId }),
  };
};

export { parseTeardownRequest };
