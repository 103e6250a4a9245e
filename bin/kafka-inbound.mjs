#!/usr/bin/env node
// Entry point of the `kafka-inbound` CLI. The project ships TypeScript sources;
// tsx compiles them on the fly so that `npx kafka-inbound` works from a clone.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
