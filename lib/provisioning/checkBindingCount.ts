import type { Problem } from '../bpmn/types.js';
import type { UploadPolicy } from './types.js';

/**
 * Enforces the binding caps of the upload policy: a file may define at most
 * `maxBindingsPerFile` bindings (each is an alias and an event source
 * mapping, billed per poller in provisioned mode), and the platform holds
 * at most `maxBindingsPerPlatform` over every file.
 *
 * @param counts - the file's bindings, and those held by other files
 *   (undefined when unknown, as in `validate`)
 * @param policy - the caps
 */
const checkBindingCount = (
  counts: { readonly inFile: number; readonly elsewhere?: number },
  policy: Pick<UploadPolicy, 'maxBindingsPerFile' | 'maxBindingsPerPlatform'>
): Problem[] => {
  const problems: Problem[] = [];
  if (counts.inFile > policy.maxBindingsPerFile) {
    problems.push({
      message: `The file defines ${counts.inFile} Kafka bindings; the upload policy allows at most ${policy.maxBindingsPerFile} per file (MAX_BINDINGS_PER_FILE). Each binding is an alias and an event source mapping.`,
    });
  }
  if (
    counts.elsewhere !== undefined &&
    counts.elsewhere + counts.inFile > policy.maxBindingsPerPlatform
  ) {
    problems.push({
      message: `Other files hold ${counts.elsewhere} Kafka bindings; with this file's ${counts.inFile} the platform would hold ${counts.elsewhere + counts.inFile}, over the upload policy's ${policy.maxBindingsPerPlatform} (MAX_BINDINGS_PER_PLATFORM).`,
    });
  }
  return problems;
};

export { checkBindingCount };
