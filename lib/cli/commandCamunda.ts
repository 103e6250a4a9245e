import { createCamundaClient, readCamundaConfig } from '../camunda/index.js';
import type { CamundaPort } from '../camunda/types.js';
import { dryRunCamunda } from './dryRunCamunda.js';
import type { CliIo } from './io.js';

/**
 * The Camunda port of `replay` and `redrive`: with `--dry-run` one that
 * sends nothing and prints each request it would send (a JSON line with
 * `--json`), else the client the environment configures.
 *
 * @param io - the CLI's output and environment
 * @param options - `dryRun` and `json` as given on the command line
 */
const commandCamunda = (
  io: CliIo,
  options: { readonly dryRun: boolean; readonly json: boolean }
): CamundaPort =>
  options.dryRun
    ? dryRunCamunda((request) =>
        io.out(
          options.json
            ? JSON.stringify({ type: 'request', dryRun: true, ...request })
            : `  would ${request.method} ${request.path} ${JSON.stringify(request.body)}`
        )
      )
    : createCamundaClient(readCamundaConfig(io.env));

export { commandCamunda };
