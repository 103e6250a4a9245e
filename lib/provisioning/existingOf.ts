import type { StoredBinding } from '../store/types.js';
import type { ExistingBinding } from '../versions/types.js';

/**
 * A binding record as an existing binding of the version rules; elements
 * of a record written before versions belong to its deployed key.
 *
 * @param record - a binding record
 */
const existingOf = (record: StoredBinding): ExistingBinding => ({
  id: record.bindingId,
  binding: record.deployed.binding,
  ...(record.versionKeys === undefined
    ? {}
    : { versionKeys: record.versionKeys }),
  ...(record.deployed.processDefinitionKey === undefined
    ? {}
    : { legacyKey: record.deployed.processDefinitionKey }),
});

export { existingOf };
