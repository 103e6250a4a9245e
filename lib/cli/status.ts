import { awsStatusSource } from '../aws/index.js';
import { formatStatus, readStatus } from '../provisioning/index.js';
import { EXIT_CODES } from './constants.js';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';
import { readCliEnv } from './readCliEnv.js';
import { toAwsCliError } from './toAwsCliError.js';
import type { CommandSpec, ParsedArgs } from './types.js';

/**
 * `kafka-inbound status [<processId>] [--json] [--table <name>]
 * [--region <region>]`: what the provisioner deployed, with each binding's
 * live ESM state and last processing result. Reads AWS with the default
 * credential chain; the table name is a stack output (BindingTableName).
 */
const runStatus = async (args: ParsedArgs, io: CliIo): Promise<number> => {
  const { positionals } = args;
  const read = readCliEnv(io.env);
  const tableName = args.text('table') ?? read.text('BINDING_TABLE_NAME');
  if (tableName === undefined) {
    throw new CliUsageError(
      'status needs the binding table: --table <name> or BINDING_TABLE_NAME',
      {
        hint: 'the table is the stack output BindingTableName (aws cloudformation describe-stacks --stack-name <stack> --query "Stacks[0].Outputs")',
      }
    );
  }
  if (positionals.length > 1) {
    throw new CliUsageError('status takes at most one process id', {
      showUsage: true,
    });
  }
  const region = args.text('region') ?? read.text('AWS_REGION');
  const profile = read.text('AWS_PROFILE');
  const source = awsStatusSource({
    tableName,
    ...(region === undefined ? {} : { region }),
  });
  try {
    const report = await readStatus(source, positionals[0]);
    // An event source mapping that cannot be read (gone, or access denied)
    // may consume nothing: not "everything done", whatever the stored state.
    const failing =
      report.processes.some(
        (process) =>
          process.state === 'errors' ||
          process.bindings.some((binding) => binding.readError !== undefined)
      ) || report.failedSources.length > 0;
    io.out(
      args.flag('json')
        ? JSON.stringify({ ok: !failing, ...report }, null, 2)
        : formatStatus(report)
    );
    return failing ? EXIT_CODES.notDone : EXIT_CODES.ok;
  } catch (error) {
    throw (
      toAwsCliError(error, {
        ...(region === undefined ? {} : { region }),
        ...(profile === undefined ? {} : { profile }),
        resource: `the binding table ${tableName}`,
        resourceOption: '--table (the stack output BindingTableName)',
      }) ?? error
    );
  } finally {
    source.close();
  }
};

const statusCommand: CommandSpec = {
  name: 'status',
  summary:
    'Shows what the provisioner deployed: each process (ok / warnings / errors), its file and version, the Camunda deployment, and per binding its event source mapping, live state and last processing result (authentication and ACL problems show there). Reads AWS with the default credential chain (AWS_PROFILE, AWS_REGION, …).',
  options: [
    {
      name: 'table',
      type: 'string',
      value: '<name>',
      description:
        'the binding table: the stack output BindingTableName (default: BINDING_TABLE_NAME)',
    },
    {
      name: 'region',
      type: 'string',
      value: '<region>',
      description:
        'the stack region (default: AWS_REGION, then your AWS config)',
    },
    {
      name: 'json',
      type: 'boolean',
      description: 'one JSON document: { ok, processes, failedSources }',
    },
  ],
  positionals: '[<processId>]',
  details: [
    'Exit code 1 when a process or file has errors, or an event source mapping cannot be read; 3 when AWS cannot be read (the message says why: region, profile, credentials, table name).',
    'Example: kafka-inbound status --table KafkaInbound-BindingTable1234 --region eu-west-1 payment-process',
  ],
  run: runStatus,
};

export { runStatus, statusCommand };
