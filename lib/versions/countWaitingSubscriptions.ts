import { VersionDefaults } from './constants.js';
import type { CamundaVersionQueries, WaitingSubscriptions } from './types.js';

/**
 * Counts the message subscriptions instances of one process definition
 * wait on (`POST /v2/message-subscriptions/search`, filtered by the key and
 * state CREATED), page after page with the cursor Camunda returns, until a
 * page is short or empty; after `maxPages` pages the count is a lower
 * bound (`capped`). Any message element counts, as in Camunda's runtime:
 * an instance waiting elsewhere may reach a Kafka element next.
 *
 * @param camunda - the search port
 * @param processDefinitionKey - the version
 * @param limits - page size and most pages
 * @throws CamundaRequestError when Camunda cannot be asked (nothing is concluded)
 */
const countWaitingSubscriptions = async (
  camunda: Pick<CamundaVersionQueries, 'searchMessageSubscriptions'>,
  processDefinitionKey: string,
  limits: { readonly pageSize?: number; readonly maxPages?: number } = {}
): Promise<WaitingSubscriptions> => {
  const limit = limits.pageSize ?? VersionDefaults.pageSize;
  const maxPages = limits.maxPages ?? VersionDefaults.maxPages;
  const elementIds = new Set<string>();
  let count = 0;
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await camunda.searchMessageSubscriptions({
      processDefinitionKey,
      state: 'CREATED',
      limit,
      ...(after === undefined ? {} : { after }),
    });
    count += page.items.length;
    for (const item of page.items) elementIds.add(item.elementId);
    const last = page.items.length < limit || page.endCursor === undefined;
    if (last || pages >= maxPages) {
      return {
        count,
        capped: !last,
        elementIds: [...elementIds].sort(),
      };
    }
    after = page.endCursor;
  }
};

export { countWaitingSubscriptions };
