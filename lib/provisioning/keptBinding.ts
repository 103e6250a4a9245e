import type { CreateEventSourceMappingCommandInput } from '@aws-sdk/client-lambda';
import { EsmTagKeys } from '../esm/index.js';
import type { EsmPlan } from '../esm/types.js';
import type { StoredBinding } from '../store/types.js';
import type { MergedBinding } from '../versions/types.js';
import type { DesiredBinding } from './types.js';

/** The request with the revision tag of the binding it now describes. */
const withRevision = (
  request: CreateEventSourceMappingCommandInput,
  revision: string
): CreateEventSourceMappingCommandInput => ({
  ...request,
  Tags: { ...request.Tags, [EsmTagKeys.revision]: revision },
});

/**
 * A binding kept for retained versions only: its record's mapping request
 * and per-binding secrets as they are (the record masks literal
 * credentials, so nothing is rebuilt from it), with its new elements.
 *
 * @param merged - the binding as the versions need it
 * @param record - the record of the binding that serves them
 */
const keptBinding = (
  merged: MergedBinding,
  record: StoredBinding | undefined
): DesiredBinding | undefined => {
  if (record?.esmRequest === undefined) return undefined;
  const plan: EsmPlan = {
    bindingId: merged.binding.id,
    aliasName: record.aliasName ?? merged.binding.id,
    request: withRevision(record.esmRequest, merged.binding.revision),
    secrets: [],
    warnings: [],
  };
  const names = record.secretNames ?? [];
  return {
    deployed: { ...record.deployed, binding: merged.binding },
    plan,
    versionKeys: merged.versionKeys,
    keptSecrets: new Map(
      names.flatMap((name, index) => {
        const arn = record.secretArns[index];
        return arn === undefined ? [] : [[name, arn] as const];
      })
    ),
  };
};

export { keptBinding };
