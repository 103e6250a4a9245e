import type {
  CreateEventSourceMappingCommandInput,
  UpdateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import { EsmResetValues, UpdatableEsmFields } from './constants.js';

/**
 * The UpdateEventSourceMapping request that makes an ESM match a create
 * request: every updatable field the request sets, and the default for each
 * field the previous request set and the new one does not.
 *
 * @param uuid - the ESM to update
 * @param request - the desired create request, secret ARNs filled in
 * @param previous - the request last applied, when known
 */
const buildUpdateRequest = (
  uuid: string,
  request: CreateEventSourceMappingCommandInput,
  previous?: CreateEventSourceMappingCommandInput
): UpdateEventSourceMappingCommandInput => {
  const update: Record<string, unknown> = { UUID: uuid };
  for (const field of UpdatableEsmFields) {
    const value = request[field];
    if (value !== undefined) {
      update[field] = value;
    } else if (previous?.[field] !== undefined && field in EsmResetValues) {
      update[field] = EsmResetValues[field as keyof typeof EsmResetValues];
    }
  }
  return update as unknown as UpdateEventSourceMappingCommandInput;
};

export { buildUpdateRequest };
