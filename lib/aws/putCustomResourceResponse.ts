import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type {
  TeardownRequest,
  TeardownResponse,
} from '../provisioning/index.js';
import { CustomResourceResponseError } from './errors.js';

/** CloudFormation shows at most this much of a reason. */
const MAX_REASON_CHARS = 3_000;

/**
 * Puts a custom resource's response to CloudFormation's pre-signed
 * response URL (CloudFormation User Guide, "Custom resource response
 * objects"): Status, Reason, PhysicalResourceId, StackId, RequestId and
 * LogicalResourceId, as JSON with an empty content type (the URL is signed
 * without one).
 *
 * @param request - the request answered
 * @param response - the answer
 * @throws CustomResourceResponseError when the URL does not answer 2xx
 */
const putCustomResourceResponse = async (
  request: TeardownRequest,
  response: TeardownResponse
): Promise<void> => {
  const body = JSON.stringify({
    Status: response.status,
    Reason: response.reason.slice(0, MAX_REASON_CHARS),
    PhysicalResourceId: response.physicalResourceId,
    StackId: request.stackId,
    RequestId: request.requestId,
    LogicalResourceId: request.logicalResourceId,
    NoEcho: false,
  });
  const url = new URL(request.responseUrl);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  await new Promise<void>((resolve, reject) => {
    const put = send(
      url,
      {
        method: 'PUT',
        headers: {
          'content-type': '',
          'content-length': Buffer.byteLength(body),
        },
      },
      (answer) => {
        answer.resume();
        const status = answer.statusCode;
        if (status !== undefined && status >= 200 && status < 300) {
          resolve();
        } else {
          reject(new CustomResourceResponseError(status));
        }
      }
    );
    put.on('error', (error) =>
      reject(new CustomResourceResponseError(undefined, { cause: error }))
    );
    put.end(body);
  });
};

export { putCustomResourceResponse };
