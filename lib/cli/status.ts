import { parseArgs } from 'node:util';
import { awsStatusSource } from '../aws/index.js';
import { createEnvReader } from '../env/index.js';
import { formatStatus, readStatus } from '../provisioning/index.js';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';

/**
 * `kafka-inbound status [<processId>] [--json] [--table <name>]
 * [--region <region>]`: what the provisioner deployed, with each binding's
 * live ESM state and last processing result. Reads AWS with the default
 * credential chain; the table name is a stack output (BindingTableName).
 */
const runStatus = async (
  args: readonly string[],
  io: CliIo
): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean', default: false },
      table: { type: 'string' },
      region: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const read = createEnvReader(
    io.env,
    (variable, problem) => new CliUsageError(`${variable} ${problem}`)
  );
  const tableName = values.table ?? read.text('BINDING_TABLE_NAME');
  if (tableName === undefined || tableName === '') {
    throw new CliUsageError(
      'status needs the binding table: --table <name> or BINDING_TABLE_NAME (the stack output BindingTableName)'
    );
  }
  if (positionals.length > 1) {
    throw new CliUsageError('status takes at most one process id');
  }
  const region = values.region ?? read.text('AWS_REGION');
  const source = awsStatusSource({
    tableName,
    ...(region === undefined ? {} : { region }),
  });
  try {
    const report = await readStatus(source, positionals[0]);
    io.out(
      values.json ? JSON.stringify(report, null, 2) : formatStatus(report)
    );
    const failing = report.processes.some(
      (process) => process.state === 'errors'
    );
    return failing || report.failedSources.length > 0 ? 1 : 0;
  } finally {
    source.close();
  }
};

export { runStatus };
