import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isBpmnFileName } from '../bpmn/index.js';
import { describeError } from '../common/index.js';
import { DISCOVERED_PREFIX } from './constants.js';
import type { LocalReconciler } from './createLocalReconciler.js';
import type { LocalLogger } from './types.js';

/**
 * Reads the folder of BPMN files once and hands the reconciler what
 * changed: files gone, and files new or with a new content (by hash).
 *
 * With `settleMs` (scans the watcher asks for), a file still being saved is
 * left for a later scan rather than read half-written and reported as an
 * error: one that is empty (an editor truncates before it writes), or was
 * changed less than `settleMs` ago. Returns whether such a file was left.
 *
 * @param dir - the folder
 * @param reconciler - keeps the running bindings equal to the files
 * @param log - where an unreadable folder is reported
 * @param stopped - true once the runtime stops: the scan ends early
 * @param settleMs - how long a file must be left alone before it is read
 * @param now - the clock (epoch ms)
 */
const scanProcessesDir = async (
  dir: string,
  reconciler: LocalReconciler,
  log: LocalLogger,
  stopped: () => boolean,
  settleMs = 0,
  now: () => number = Date.now
): Promise<{ readonly unsettled: boolean }> => {
  let unsettled = false;
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isBpmnFileName);
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
    if (stopped()) return { unsettled };
    let xml: string;
    try {
      if (settleMs > 0) {
        const info = await stat(join(dir, file));
        if (info.size === 0 || now() - info.mtimeMs < settleMs) {
          log.debug(`${file}: being written; read once it settles`);
          unsettled = true;
          continue;
        }
      }
      xml = await readFile(join(dir, file), 'utf8');
    } catch {
      // Removed between readdir and readFile: the next scan sees it gone.
      continue;
    }
    const hash = createHash('sha256').update(xml).digest('hex');
    if (reconciler.hashOf(file) === hash) continue;
    await reconciler.load(file, xml, hash);
  }
  return { unsettled };
};

export { scanProcessesDir };
