import { runStartCommand } from '../local/index.js';
import type { CliIo } from './io.js';
import type { CommandSpec, ParsedArgs } from './types.js';

/** `kafka-inbound start`: the local runtime (see lib/local). */
const runStart = (args: ParsedArgs, io: CliIo): Promise<number> =>
  runStartCommand(
    args.args,
    io,
    io.outputClosed === undefined ? {} : { outputClosed: io.outputClosed }
  );

const startCommand: CommandSpec = {
  name: 'start',
  summary:
    'Runs the Kafka bindings of a folder of BPMN files locally, like the deployed stack: deploys each valid file to Camunda, consumes its topics with the event source mapping semantics, and writes dead letters to a file. Watches the folder (a saved file is reloaded; a file with errors changes nothing that runs). Ctrl-C stops it, committing what is done.',
  options: [
    {
      name: 'processes',
      type: 'string',
      value: '<dir>',
      description:
        'the folder of BPMN files (default: ./processes, else ./examples)',
    },
    {
      name: 'dead-letter',
      type: 'string',
      value: '<file.jsonl>',
      description:
        'where dead letters go, one JSON line each (default: .kafka-inbound/dead-letters.jsonl)',
    },
    {
      name: 'no-deploy',
      type: 'boolean',
      description:
        'do not deploy the files to Camunda (they are deployed already)',
    },
    {
      name: 'discover',
      type: 'boolean',
      description:
        'also run the Kafka processes deployed in Camunda by other tools (Modeler, c8ctl), as the stack does with discoverDeployments',
    },
    {
      name: 'json',
      type: 'boolean',
      description:
        'log JSON lines on standard output: { time, level, message }',
    },
  ],
  details: [
    'Reads CAMUNDA_REST_ADDRESS (default http://localhost:8080) and CAMUNDA_AUTH_STRATEGY with its variables, KAFKA_BOOTSTRAP_SERVERS (replaces the servers of every binding), SECRET_<NAME> for {{secrets.NAME}}, LOG_LEVEL (debug, info, warn, error), LOCAL_SUMMARY_INTERVAL_MS (default 30000), LOCAL_VERSION_CHECK_MS and LOCAL_DISCOVER_MS (default 30000). See docs/local-runtime.md.',
    'Every 30 s, and when it stops, it prints per binding: distinct records, redeliveries, instances and messages, dead letters, the lag per partition, and what it waits for (Kafka, a rebalance, Camunda).',
    'A dead letter goes back with: kafka-inbound redrive --dead-letter .kafka-inbound/dead-letters.jsonl',
    'Exit code 0 after Ctrl-C (SIGINT) or SIGTERM; 2 for a wrong command line, wrong Camunda settings or a processes folder that is not there.',
  ],
  run: runStart,
};

export { runStart, startCommand };
