import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadBindingModel } from '../lib/binding/index.js';
import { STATIC_SOURCE_PREFIX } from '../lib/store/index.js';
import { KafkaInboundStack } from './KafkaInboundStack.js';
import { CONTEXT_KEY, readInfraConfig } from './readInfraConfig.js';
import { StaticKafkaProcess } from './StaticKafkaProcess.js';

// `npx cdk synth` / `cdk deploy` entry (cdk.json "app"). Settings come from
// the `kafka-inbound` context; see docs/deploy.md.
const app = new App();
const config = readInfraConfig(app.node.tryGetContext(CONTEXT_KEY));
const stack = new KafkaInboundStack(app, config.stackName, {
  ...config.stackProps,
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION,
  },
});

// Parsing is async: build the bindings before constructing.
for (const file of config.staticProcesses) {
  const model = await loadBindingModel(await readFile(file, 'utf8'));
  if (model.errors.length > 0) {
    const problems = model.errors
      .map(
        (error) =>
          `${error.elementId ?? '-'} ${error.property ?? ''}: ${error.message}`
      )
      .join('\n  ');
    throw new Error(`${file} is not a valid Kafka process:\n  ${problems}`);
  }
  new StaticKafkaProcess(stack, `Static-${basename(file, '.bpmn')}`, {
    inbound: stack,
    bindings: model.bindings,
    sourceKey: `${STATIC_SOURCE_PREFIX}${file}`,
  });
}

if (config.nag) {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
