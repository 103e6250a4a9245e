import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createDocumentClient } from '../aws/index.js';
import { formatStatus, readStatus } from '../provisioning/index.js';
import { EXIT_CODES } from './constants.js';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';
import { toAwsCliError } from './toAwsCliError.js';
import type { CommandSpec, ParsedArgs } from './types.js';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * `kafka-inbound status [<processId>] [--json] [--table <name>]
 * [--region <region>]`: what the provisioner deployed, with each binding's
 * live ESM state and last processing result. Reads AWS with the default
 * credential chain; the table name is a stack output (BindingTableName).
 */
const runStatus = async (args: ParsedArgs, io: CliIo): Promise<number> => {
  const { values, positionals } = args;
  const tableName = text(values.table) ?? text(io.env.BINDING_TABLE_NAME);
  if (tableName === undefined) {
    throw new CliUsageError(
      'status needs the binding table: --table <name> or BINDING_TABLE_NAME',
      {
        hint: 'the table is the stack output BindingTableName (aws cloudformation describe-stacks --stack-name KafkaInbound)',
      }
    );
  }
  if (positionals.length > 1) {
    throw new CliUsageError('status takes at most one process id');
  }
  const region = text(values.region) ?? text(io.env.AWS_REGION);
  const clientConfig = region === undefined ? {} : { region };
  const dynamoDb = new DynamoDBClient(clientConfig);
  const lambda = new LambdaClient(clientConfig);
  try {
    const report = await readStatus(
      { dynamo: createDocumentClient(dynamoDb), lambda, tableName },
      positionals[0]
    );
    const failing =
      report.processes.some((process) => process.state === 'errors') ||
      report.failedSources.length > 0;
    io.out(
      values.json === true
        ? JSON.stringify({ ok: !failing, ...report }, null, 2)
        : formatStatus(report)
    );
    return failing ? EXIT_CODES.notDone : EXIT_CODES.ok;
  } catch (error) {
    throw (
      toAwsCliError(error, {
        ...(region === undefined ? {} : { region }),
        ...(text(io.env.AWS_PROFILE) === undefined
          ? {}
          : { profile: text(io.env.AWS_PROFILE) }),
        resource: `the binding table ${tableName}`,
        resourceOption: '--table (the stack output BindingTableName)',
      }) ?? error
    );
  } finally {
    dynamoDb.destroy();
    lambda.destroy();
  }
};

const statusCommand: CommandSpec = {
  name: 'status',
  summary:
    'Shows what the provisioner deployed: each process (ok / warnings / errors), its file and version, the Camunda deployment, and per binding its event source mapping, live state and last processing result. Reads AWS with the default credential chain (AWS_PROFILE, AWS_REGION, …).',
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
    'Exit code 1 when a process or file has errors, or a mapping could not be read.',
    'Example: kafka-inbound status --table KafkaInbound-BindingTable1234 --region eu-west-1 payment-process',
  ],
  run: runStatus,
};

export { runStatus, statusCommand };
