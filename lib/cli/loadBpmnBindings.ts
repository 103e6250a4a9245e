import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadBindingModel } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import { formatProblem } from '../bpmn/index.js';
import { CliInputError } from './errors.js';

/** The bindings of BPMN files, and the files that have errors. */
interface BpmnBindings {
  readonly bindings: readonly {
    readonly file: string;
    readonly binding: Binding;
  }[];
  /** `<file>: error: <problem>`, one per error; such a file gives no binding. */
  readonly errors: readonly string[];
  /** Processes whose file has errors (their letters are reported, not run). */
  readonly brokenProcesses: ReadonlySet<string>;
}

const filesOf = async (path: string): Promise<string[]> => {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new CliInputError(path, 'no such BPMN file or folder', {
      cause: error,
      hint: 'give a .bpmn file or a folder of them (--bpmn examples)',
    });
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path))
    .filter((name) => name.toLowerCase().endsWith('.bpmn'))
    .sort();
  if (names.length === 0) {
    throw new CliInputError(path, 'the folder holds no .bpmn file');
  }
  return names.map((name) => join(path, name));
};

/**
 * Reads BPMN files and folders of them (`--bpmn`, repeatable) into their
 * bindings. A file with errors gives no binding: its errors are returned
 * (and its process remembered) so that the command reports them.
 *
 * @param paths - files and folders
 * @throws CliInputError for a path that cannot be read
 */
const loadBpmnBindings = async (
  paths: readonly string[]
): Promise<BpmnBindings> => {
  const bindings: { file: string; binding: Binding }[] = [];
  const errors: string[] = [];
  const brokenProcesses = new Set<string>();
  for (const path of paths) {
    for (const file of await filesOf(path)) {
      let xml: string;
      try {
        xml = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliInputError(file, 'cannot read the BPMN file', {
          cause: error,
        });
      }
      const model = await loadBindingModel(xml);
      if (model.errors.length > 0) {
        for (const problem of model.errors) {
          errors.push(`${file}: error: ${formatProblem(problem)}`);
        }
        for (const id of xml.matchAll(
          /<(?:[A-Za-z_][\w.-]*:)?process\b[^>]*\sid="([^"]+)"/g
        )) {
          if (id[1] !== undefined) brokenProcesses.add(id[1]);
        }
        continue;
      }
      for (const binding of model.bindings) bindings.push({ file, binding });
    }
  }
  return { bindings, errors, brokenProcesses };
};

export type { BpmnBindings };
export { loadBpmnBindings };
