import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
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
  discoverMskClusters,
  type MskClusters,
  planBindings,
} from '../provisioning/index.js';
import { CliUsageError } from './errors.js';
import { formatBinding } from './format.js';
import type { CliIo } from './io.js';
import { deployedFromEnv, previewPlatformSettings } from './platform.js';

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
 * fails exactly where an upload would be refused.
 */
const validateFile = async (
  file: string,
  io: CliIo,
  setting: Awaited<ReturnType<typeof validationPlatform>>
): Promise<FileReport> => {
  const content = await readBpmnFile(file);
  if (typeof content !== 'string') {
    return { file, bindings: [], warnings: [], errors: [content] };
  }
  const model = await loadBindingModel(content);
  const warnings: Problem[] = [...model.warnings];
  if (model.errors.length > 0) {
    return {
      file,
      // Literal credentials typed into the BPMN are never printed.
      bindings: model.bindings.map(redactBinding),
      warnings,
      errors: model.errors,
    };
  }
  if ('error' in setting) {
    return {
      file,
      bindings: model.bindings.map(redactBinding),
      warnings,
      errors: [setting.error],
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
  return { file, bindings, warnings, errors: planned.errors };
};

const printReadable = (report: FileReport, io: CliIo): void => {
  const { file, bindings, warnings, errors } = report;
  const verdict = errors.length > 0 ? 'INVALID' : 'ok';
  io.out(
    `${file}: ${verdict} — ${bindings.length} binding(s), ${warnings.length} warning(s), ${errors.length} error(s)`
  );
  for (const binding of bindings) {
    for (const line of formatBinding(binding)) {
      io.out(`  ${line}`);
    }
  }
  for (const warning of warnings) {
    io.out(`  warning: ${formatProblem(warning)}`);
  }
  for (const error of errors) {
    io.out(`  error: ${formatProblem(error)}`);
  }
};

/**
 * `kafka-inbound validate [--json] <file.bpmn>...`: exit code 1 when any file
 * has an error, 0 otherwise.
 */
const runValidate = async (
  args: readonly string[],
  io: CliIo,
  options: { readonly msk?: MskClusters } = {}
): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) {
    throw new CliUsageError('validate needs at least one BPMN file');
  }
  const setting = await validationPlatform(io, options.msk);
  const files: FileReport[] = [];
  for (const file of positionals) {
    files.push(await validateFile(file, io, setting));
  }
  if (values.json) {
    io.out(JSON.stringify({ files }, null, 2));
  } else {
    for (const report of files) {
      printReadable(report, io);
    }
  }
  return files.some((report) => report.errors.length > 0) ? 1 : 0;
};

export type { FileReport };
export { runValidate, validateFile };
