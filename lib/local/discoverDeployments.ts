import type { ProcessDefinitionSummary } from '../camunda/types.js';
import { describeError } from '../common/index.js';
import { VersionDefaults } from '../versions/index.js';
import type { CamundaVersionQueries } from '../versions/types.js';
import { DISCOVERED_PREFIX } from './constants.js';
import type { LocalReconciler } from './createLocalReconciler.js';
import type { LocalLogger } from './types.js';

/**
 * One search of the deployments made in Camunda (`start --discover`), as
 * the provisioner's `discoverDeployments` does it: each latest active
 * definition that no file of the folder defines runs under the name
 * `camunda:<processId>` (its XML read once per key; the folder's own
 * processes win), and a discovered process whose definitions are gone
 * stops. A failed search changes nothing.
 *
 * @param camunda - the search and XML
 * @param reconciler - the runtime's reconciler
 * @param log - the runtime's logger
 */
const discoverDeployments = async (
  camunda: Pick<
    CamundaVersionQueries,
    'searchLatestProcessDefinitions' | 'getProcessDefinitionXml'
  >,
  reconciler: LocalReconciler,
  log: LocalLogger
): Promise<void> => {
  const latest: ProcessDefinitionSummary[] = [];
  try {
    let after: string | undefined;
    for (;;) {
      const page = await camunda.searchLatestProcessDefinitions({
        limit: VersionDefaults.pageSize,
        ...(after === undefined ? {} : { after }),
      });
      latest.push(...page.items);
      if (page.items.length < VersionDefaults.pageSize || !page.endCursor) {
        break;
      }
      after = page.endCursor;
    }
  } catch (error) {
    log.warn(
      `cannot search Camunda's process definitions (${describeError(error, { causes: true })}); nothing changes, searched again later`
    );
    return;
  }
  const fromFolder = new Set(
    reconciler
      .status()
      .filter((binding) => !binding.file.startsWith(DISCOVERED_PREFIX))
      .map((binding) => binding.processId)
  );
  const present = new Set<string>();
  for (const definition of latest) {
    const processId = definition.processDefinitionId;
    const name = `${DISCOVERED_PREFIX}${processId}`;
    present.add(name);
    if (fromFolder.has(processId)) continue;
    const key = definition.processDefinitionKey;
    if (reconciler.hashOf(name) === key) continue;
    let xml: string;
    try {
      xml = await camunda.getProcessDefinitionXml(key);
    } catch (error) {
      log.warn(
        `cannot read ${processId} (key ${key}) from Camunda (${describeError(error, { causes: true })}); tried again later`
      );
      continue;
    }
    await reconciler.load(name, xml, key, {
      processId,
      key,
      version: definition.version,
    });
  }
  for (const name of reconciler.files()) {
    if (name.startsWith(DISCOVERED_PREFIX) && !present.has(name)) {
      log.info(`${name}: no longer deployed in Camunda`);
      await reconciler.remove(name);
    }
  }
};

export { discoverDeployments };
