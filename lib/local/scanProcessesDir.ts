import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../common/index.js';
import { DISCOVERED_PREFIX } from './constants.js';
import type { LocalReconciler } from './createLocalReconciler.js';
import type { LocalLogger } from './types.js';

/**
 * Reads the folder of BPMN files once and hands the reconciler what
 * changed: files gone, and files new or with a new content (by hash).
 *
 * @param dir - the folder
 * @param reconciler - keeps the running bindings equal to the files
 * @param log - where an unreadable folder is reported
 * @param stopped - true once the runtime stops: the scan ends early
 */
const scanProcessesDir = async (
  dir: string,
  reconciler: LocalReconciler,
  log: LocalLogger,
  stopped: () => boolean
): Promise<void> => {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((entry) =>
      entry.toLowerCase().endsWith('.bpmn')
    );
  } catch (error) {
    log.error(
      `cannot read the folder ${dir}: ${describeError(error, { causes: true })}`
    );
    names = [];
  }
  const present = new Set(names);
  for (const file of reconciler.files()) {
    // Processes found in Camunda (`--discover`) are not files of the folder.
    if (present.has(file) || file.startsWith(DISCOVERED_PREFIX)) continue;
    await reconciler.remove(file);
  }
  for (const file of names.sort()) {
    if (stopped()) return;
    let xml: string;
    try {
      xml = await readFile(join(dir, file), 'utf8');
    } catch {
      // Removed between readdir and readFile: the next scan sees it gone.
      continue;
    }
    const hash = createHash('sha256').update(xml).digest('hex');
    if (reconciler.hashOf(file) === hash) continue;
    await reconciler.load(file, xml, hash);
  }
};

export { scanProcessesDir };
