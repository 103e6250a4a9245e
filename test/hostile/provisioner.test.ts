import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ProvisionerTestEnv,
  startProvisionerEnv,
} from '../functions/helpers/provisionerEnv.js';
import { hostileBpmnFiles, validOrderXml } from './hostileBpmn.js';

const PASSWORD = 'pa55-word-value';
const MUTATING = new Set([
  CreateEventSourceMappingCommand.name,
  UpdateEventSourceMappingCommand.name,
  DeleteEventSourceMappingCommand.name,
]);
const rejected = hostileBpmnFiles().filter((f) => f.error !== undefined);

describe('Function: provisioner handler (hostile uploads)', () => {
  let aws: ProvisionerTestEnv;

  beforeAll(async () => {
    aws = await startProvisionerEnv();
  });

  afterAll(async () => {
    await aws?.stop();
  });

  beforeEach(async () => {
    await aws.reset();
    await aws.createReferencedSecret('KAFKA_PASSWORD', PASSWORD);
  });

  const upload = async (xml: string) => {
    const version = await aws.upload('order.bpmn', xml);
    return aws.handler()(
      aws.notification('created', 'order.bpmn', version),
      aws.context()
    );
  };

  /** Everything a deployment consists of, as the provisioner left it. */
  const deployedState = async () => {
    const items = await aws.items();
    const secrets = await aws.secretNames();
    return {
      aliases: await aws.aliasNames(),
      esms: aws.esm.list().map((m) => ({
        uuid: m.UUID,
        function: m.FunctionArn,
        topics: m.Topics,
        state: m.State,
        tags: aws.esm.tagsOf(m.UUID ?? ''),
      })),
      secrets: await Promise.all(
        secrets.map(async (n) => [n, await aws.secretValue(n)])
      ),
      bindings: [...items.values()].filter((i) =>
        String(i.pk).startsWith('BINDING#')
      ),
      deployments: aws.camunda.requestsTo('/v2/deployments', 'POST').length,
    };
  };

  it.each(rejected)(
    'leaves the deployed bindings unchanged and reports the error for $name',
    async ({ xml, error, provisionerError }) => {
      // Prepare
      const deployed = await upload(validOrderXml());
      expect(deployed.outcomes[0]?.outcome).toEqual({
        kind: 'applied',
        processIds: ['order'],
      });
      const before = await deployedState();
      const commandsBefore = aws.esm.commandNames().length;
      expect(before.bindings).toHaveLength(1);

      // Act
      const result = await upload(xml());

      // Assess
      expect(result.outcomes[0]?.outcome.kind).not.toBe('applied');
      expect(await deployedState()).toEqual(before);
      const sent = aws.esm.commandNames().slice(commandsBefore);
      expect(sent.filter((name) => MUTATING.has(name))).toEqual([]);
      const statusText = JSON.stringify([...(await aws.items()).values()]);
      const wanted = provisionerError ?? error ?? '';
      expect(statusText).toContain(JSON.stringify(wanted).slice(1, -1));
      // Every item stays far below DynamoDB's 400 KB item limit.
      for (const item of (await aws.items()).values()) {
        expect(JSON.stringify(item).length).toBeLessThan(200_000);
      }
    }
  );
});
