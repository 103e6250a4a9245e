import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadBindingModel } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import { formatProblem, isBpmnFileName } from '../bpmn/index.js';
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

/** The files of a path as given (for messages), and where they are. */
const filesOf = async (
  path: string,
  cwd: string
): Promise<{ readonly file: string; readonly at: string }[]> => {
  const at = resolve(cwd, path);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(at);
  } catch (error) {
    throw new CliInputError(path, 'no such BPMN file or folder', {
      cause: error,
      hint: 'give a .bpmn file or a folder of them (--bpmn examples)',
    });
  }
  if (!info.isDirectory()) return [{ file: path, at }];
  const names = (await readdir(at)).filter(isBpmnFileName).sort();
  if (names.length === 0) {
    throw new CliInputError(path, 'the folder holds no .bpmn file');
  }
  return names.map((name) => ({ file: join(path, name), at: join(at, name) }));
};

/**
 * Reads BPMN files and folders of them (`--bpmn`, repeatable) into their
 * bindings. A file with errors gives no binding: its errors are returned
 * (and its process remembered) so that the command reports them.
 *
 * @param paths - files and folders
 * @param cwd - what relative paths are relative to (the command's folder)
 * @throws CliInputError for a path that cannot be read
 */
const loadBpmnBindings = async (
  paths: readonly string[],
  cwd: string = process.cwd()
): Promise<BpmnBindings> => {
  const bindings: { file: string; binding: Binding }[] = [];
  const errors: string[] = [];
  const brokenProcesses = new Set<string>();
  for (const path of paths) {
    for (const { file, at } of await filesOf(path, cwd)) {
      let xml: string;
      try {
        xml = await readFile(at, 'utf8');
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
