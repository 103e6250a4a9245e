import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { mskClusters } from '../aws/index.js';
import { loadBindingModel, redactBinding } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import { formatProblem } from '../bpmn/index.js';
import type { Problem } from '../bpmn/types.js';
import { describeError } from '../common/index.js';
import {
  assertPlatformSettings,
  EsmPlatformSettingsError,
} from '../esm/index.js';
import type { EsmPlan, PlatformSettings } from '../esm/types.js';
import { PlatformConfigError } from '../platform/index.js';
import {
  checkBindingCount,
  checkSecretReferences,
  discoverMskClusters,
  type MskClusters,
  ProvisionerDefaults,
  planBindings,
  readUploadPolicy,
} from '../provisioning/index.js';
import { escapeTerminal } from '../text/index.js';
import { EXIT_CODES } from './constants.js';
import { CliUsageError } from './errors.js';
import { formatBinding } from './format.js';
import type { CliIo } from './io.js';
import { deployedFromEnv, previewPlatformSettings } from './platform.js';
import { readCliEnv } from './readCliEnv.js';
import type { CommandSpec, ParsedArgs } from './types.js';

/** Files larger than this are not even read (the parser has its own, smaller limit). */
const READ_LIMIT_BYTES = 64 * 1024 * 1024;

interface ValidatedBinding extends Binding {
  readonly esm?: Pick<
    EsmPlan,
    'aliasName' | 'request' | 'warnings' | 'errors'
  > & {
    readonly secrets: readonly { name: string; accessType: string }[];
  };
}

interface FileReport {
  readonly file: string;
  readonly bindings: readonly ValidatedBinding[];
  readonly warnings: readonly Problem[];
  readonly errors: readonly Problem[];
}

const readBpmnFile = async (file: string): Promise<string | Problem> => {
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      return {
        message: `a folder, not a file: give its BPMN files (${file.replace(/\/$/, '')}/*.bpmn)`,
      };
    }
    if (!info.isFile()) {
      return { message: 'not a file' };
    }
    if (info.size > READ_LIMIT_BYTES) {
      return {
        message: `the file is ${info.size} bytes; files over ${READ_LIMIT_BYTES} bytes are not read`,
      };
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    const code =
      error instanceof Error && 'code' in error
        ? String(error.code)
        : undefined;
    return {
      message:
        code === 'ENOENT'
          ? 'no such file'
          : `cannot read the file (${code ?? String(error)})`,
    };
  }
};

/**
 * The platform settings `validate` plans with, MSK clusters given by ARN
 * alone discovered as the provisioner does (`GetBootstrapBrokers`, with the
 * caller's AWS credentials); a setting the ESM cannot honour is an error of
 * every file, as the provisioner would refuse every upload.
 */
const validationPlatform = async (
  io: CliIo,
  msk: MskClusters | undefined
): Promise<
  | { readonly platform: PlatformSettings; readonly warnings: Problem[] }
  | { readonly error: Problem }
> => {
  try {
    const platform = previewPlatformSettings(io.env);
    assertPlatformSettings(platform);
    const needsDiscovery = platform.mskClusters.some(
      (cluster) => cluster.bootstrapServers.length === 0
    );
    return await discoverMskClusters(
      platform,
      needsDiscovery ? (msk ?? awsMskClusters(platform.region)) : undefined
    );
  } catch (error) {
    if (error instanceof EsmPlatformSettingsError) {
      return { error: { property: error.setting, message: error.message } };
    }
    if (error instanceof PlatformConfigError) {
      return { error: { property: error.variable, message: error.message } };
    }
    throw error;
  }
};

/**
 * MSK discovery for `validate` on the AWS SDK: any failure (no credentials,
 * no network) makes the cluster unavailable with the reason, so the
 * bindings on it are errors saying why, never a silent pass.
 */
const awsMskClusters = (region: string): MskClusters => {
  const msk = mskClusters({
    region,
    ttlMs: 0,
    now: Date.now,
  });
  return {
    ...msk,
    describe: async (clusterArn) => {
      try {
        return await msk.describe(clusterArn);
      } catch (error) {
        return {
          kind: 'unavailable',
          reason: `${describeError(error)}; to validate offline give the brokers as <clusterArn>=<broker>|<broker> in MSK_CLUSTER_ARNS`,
        };
      }
    },
  };
};

/**
 * Validates one BPMN file: its bindings, warnings, errors, and for each
 * binding the event source mapping it would get. The ESM plans' errors are
 * the file's errors, from the provisioner's own `planBindings`: `validate`
 * fails exactly where an upload would be refused. The upload policy is
 * checked as far as a file alone tells (the per-file binding cap and the
 * secret-reference rules, for the S3 key `<prefix><file name>`); ownership
 * and the platform cap need the deployed state and are the provisioner's.
 *
 * @param file - path of the BPMN file
 * @param io - environment (platform settings, upload policy)
 * @param setting - the platform settings, or the error they are
 * @param prefix - the bucket prefix the file would be uploaded under
 */
const validateFile = async (
  file: string,
  io: CliIo,
  setting: Awaited<ReturnType<typeof validationPlatform>>,
  prefix = readCliEnv(io.env).text('PROCESSES_PREFIX') ??
    ProvisionerDefaults.processesPrefix
): Promise<FileReport> => {
  const content = await readBpmnFile(file);
  if (typeof content !== 'string') {
    return { file, bindings: [], warnings: [], errors: [content] };
  }
  const model = await loadBindingModel(content);
  const warnings: Problem[] = [...model.warnings];
  const policy = readUploadPolicy(io.env);
  const policyErrors: Problem[] = [
    ...checkBindingCount({ inFile: model.bindings.length }, policy),
    ...checkSecretReferences(
      model.bindings,
      `${prefix}${basename(file)}`,
      policy.secretReferences
    ),
  ];
  if (model.errors.length > 0 || 'error' in setting) {
    return {
      file,
      // Literal credentials typed into the BPMN are never printed.
      bindings: model.bindings.map(redactBinding),
      warnings,
      errors: [
        ...model.errors,
        ...('error' in setting && model.errors.length === 0
          ? [setting.error]
          : []),
        ...policyErrors,
      ],
    };
  }
  warnings.push(...setting.warnings);
  const planned = planBindings(
    model.bindings,
    (binding) => deployedFromEnv(binding, io.env, setting.platform.esmMode),
    setting.platform
  );
  warnings.push(...planned.warnings);
  const bindings = planned.desired.map(
    ({ deployed, plan }): ValidatedBinding => ({
      ...redactBinding(deployed.binding),
      esm: {
        aliasName: plan.aliasName,
        request: plan.request,
        warnings: plan.warnings,
        ...((plan.errors ?? []).length > 0 ? { errors: plan.errors } : {}),
        secrets: plan.secrets.map(({ name, accessType }) => ({
          name,
          accessType,
        })),
      },
    })
  );
  return {
    file,
    bindings,
    warnings,
    errors: [...planned.errors, ...policyErrors],
  };
};

const printReadable = (report: FileReport, io: CliIo): void => {
  const { file, bindings, warnings, errors } = report;
  const verdict = errors.length > 0 ? 'INVALID' : 'ok';
  io.out(
    `${escapeTerminal(file)}: ${verdict} — ${bindings.length} binding(s), ${warnings.length} warning(s), ${errors.length} error(s)`
  );
  for (const binding of bindings) {
    for (const line of formatBinding(binding)) {
      io.out(`  ${line}`);
    }
  }
  // Problems quote names and values from the file: escaped, one line each.
  for (const warning of warnings) {
    io.out(`  warning: ${escapeTerminal(formatProblem(warning))}`);
  }
  for (const error of errors) {
    io.out(`  error: ${escapeTerminal(formatProblem(error))}`);
  }
};

/**
 * `kafka-inbound validate [--json] <file.bpmn>...`: exit code 1 when any file
 * has an error, 0 otherwise.
 */
const runValidate = async (
  args: ParsedArgs,
  io: CliIo,
  options: { readonly msk?: MskClusters } = {}
): Promise<number> => {
  const { values, positionals } = args;
  if (positionals.length === 0) {
    throw new CliUsageError('validate needs at least one BPMN file');
  }
  const setting = await validationPlatform(io, options.msk);
  const files: FileReport[] = [];
  for (const file of positionals) {
    files.push(await validateFile(file, io, setting, args.text('prefix')));
  }
  const ok = files.every((report) => report.errors.length === 0);
  if (values.json === true) {
    io.out(JSON.stringify({ ok, files }, null, 2));
  } else {
    for (const report of files) {
      printReadable(report, io);
    }
  }
  return ok ? EXIT_CODES.ok : EXIT_CODES.notDone;
};

const validateCommand: CommandSpec = {
  name: 'validate',
  summary:
    'Reads BPMN files and shows, per Kafka element, the binding it becomes, the event source mapping the provisioner would create, and every warning and error (naming element and property). Reads no network, except MSK GetBootstrapBrokers for clusters given by ARN alone in MSK_CLUSTER_ARNS.',
  options: [
    {
      name: 'json',
      type: 'boolean',
      description:
        'one JSON document: { ok, files: [{ file, bindings, warnings, errors }] }',
    },
    {
      name: 'prefix',
      type: 'string',
      value: '<s3 key prefix>',
      description:
        'the bucket prefix the file would be uploaded under, for the upload policy’s secret-name rules (default: PROCESSES_PREFIX, else processes/)',
    },
  ],
  positionals: '<file.bpmn>...',
  details: [
    'Exit code 1 when a file has errors (it would deploy nothing); warnings alone exit 0.',
    'Example: kafka-inbound validate examples/*.bpmn',
  ],
  run: runValidate,
};

export type { FileReport };
export { runValidate, validateCommand, validateFile };
