import { type FSWatcher, watch } from 'node:fs';
import { describeError } from '../common/index.js';
import type { LocalLogger } from './types.js';

/** A folder watch; `close` ends it and drops a pending change. */
interface FolderWatch {
  readonly close: () => void;
}

/**
 * Watches the folder of BPMN files and calls `onChange` once things have
 * been quiet for `debounceMs` after a change. When the folder cannot be
 * watched, says so and carries on without (`reload` still works).
 *
 * @param dir - the folder
 * @param onChange - called after each burst of changes
 * @param debounceMs - quiet time before `onChange`
 * @param log - where trouble is reported
 */
const watchProcessesDir = (
  dir: string,
  onChange: () => void,
  debounceMs: number,
  log: LocalLogger
): FolderWatch => {
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;
  try {
    watcher = watch(dir, () => {
      clearTimeout(debounce);
      debounce = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', (error) =>
      log.warn(
        `watching ${dir} stopped: ${describeError(error, { causes: true })}`
      )
    );
  } catch (error) {
    log.warn(`cannot watch ${dir}: ${describeError(error, { causes: true })}`);
  }
  return {
    close: () => {
      watcher?.close();
      clearTimeout(debounce);
    },
  };
};

export type { FolderWatch };
export { watchProcessesDir };
