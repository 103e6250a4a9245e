import { createEnvReader, type Env } from '../env/index.js';
import { UploadPolicyDefaults } from './constants.js';
import { ProvisioningConfigError } from './errors.js';
import { parseSecretReferencePolicy } from './parseSecretReferencePolicy.js';
import type { UploadPolicy } from './types.js';

/**
 * Reads the upload policy: `SECRET_REFERENCE_POLICY` (JSON rules; unset =
 * every secret name may be referenced), `MAX_BINDINGS_PER_FILE` and
 * `MAX_BINDINGS_PER_PLATFORM` (whole numbers of at least 1). The
 * provisioner enforces it; `validate` checks what it can know from a file.
 *
 * @param env - usually `process.env`
 * @throws ProvisioningConfigError naming the variable
 */
const readUploadPolicy = (env: Env): UploadPolicy => {
  const read = createEnvReader(
    env,
    (variable, problem) => new ProvisioningConfigError(variable, problem)
  );
  const rulesText = read.text('SECRET_REFERENCE_POLICY');
  let secretReferences: UploadPolicy['secretReferences'];
  if (rulesText !== undefined) {
    const parsed = parseSecretReferencePolicy(rulesText);
    if (!parsed.ok) {
      throw new ProvisioningConfigError(
        'SECRET_REFERENCE_POLICY',
        parsed.message
      );
    }
    secretReferences = parsed.value;
  }
  return {
    ...(secretReferences === undefined ? {} : { secretReferences }),
    maxBindingsPerFile: read.integer(
      'MAX_BINDINGS_PER_FILE',
      UploadPolicyDefaults.maxBindingsPerFile,
      { minimum: 1 }
    ),
    maxBindingsPerPlatform: read.integer(
      'MAX_BINDINGS_PER_PLATFORM',
      UploadPolicyDefaults.maxBindingsPerPlatform,
      { minimum: 1 }
    ),
  };
};

export { readUploadPolicy };
