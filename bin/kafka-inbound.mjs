#!/usr/bin/env node
// Entry point of the `kafka-inbound` CLI. The project ships TypeScript sources;
// tsx compiles them on the fly so that `npx kafka-inbound` works from a clone.
import { register } from 'tsx/esm/api';

// The AWS SDK's pinned version supports Node.js 20, on which the CLI is meant
// to run (docs/development.md, "Node.js versions"); its notice that later
// releases will need Node.js 22 is for whoever upgrades it, not for every
// `status` an operator runs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
// The command is over: what it leaves behind (a Kafka client's retry timer,
// an idle keep-alive socket) must not keep the process alive (issue 15).
setTimeout(() => process.exit(), 1000).unref();
