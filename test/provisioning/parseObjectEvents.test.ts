import { describe, expect, it } from 'vitest';
import {
  decodeS3Key,
  isProcessObjectKey,
  ProvisioningEventError,
  parseObjectEvents,
} from '../../lib/provisioning/index.js';

const notification = (eventName: string, key: string) => ({
  Records: [
    {
      eventSource: 'aws:s3',
      eventName,
      eventTime: '2026-01-01T00:00:00.000Z',
      s3: {
        bucket: { name: 'processes-bucket' },
        object: { key, versionId: 'v1', sequencer: '00AB', size: 10 },
      },
    },
  ],
});

const eventBridge = (detailType: string, key: string) => ({
  version: '0',
  source: 'aws.s3',
  'detail-type': detailType,
  time: '2026-01-01T00:00:00Z',
  detail: {
    bucket: { name: 'processes-bucket' },
    object: { key, 'version-id': 'v2', sequencer: '00AC', size: 10 },
    reason: 'PutObject',
  },
});

describe('Function: parseObjectEvents', () => {
  it.each([
    { eventName: 'ObjectCreated:Put', kind: 'created' },
    { eventName: 'ObjectCreated:CompleteMultipartUpload', kind: 'created' },
    { eventName: 'ObjectRemoved:Delete', kind: 'removed' },
    { eventName: 'ObjectRemoved:DeleteMarkerCreated', kind: 'removed' },
  ])('reads an S3 notification $eventName as $kind', ({ eventName, kind }) => {
    // Act
    const events = parseObjectEvents(
      notification(eventName, 'processes%2Fmy+order.bpmn')
    );

    // Assess
    expect(events).toEqual([
      {
        kind,
        bucket: 'processes-bucket',
        key: 'processes/my order.bpmn',
        versionId: 'v1',
        sequencer: '00AB',
        eventTime: '2026-01-01T00:00:00.000Z',
        shape: 's3Notification',
      },
    ]);
  });

  it.each([
    { detailType: 'Object Created', kind: 'created' },
    { detailType: 'Object Deleted', kind: 'removed' },
  ])(
    'reads an EventBridge $detailType event as $kind',
    ({ detailType, kind }) => {
      // Act
      const events = parseObjectEvents(
        eventBridge(detailType, 'processes/order.bpmn')
      );

      // Assess
      expect(events).toEqual([
        {
          kind,
          bucket: 'processes-bucket',
          key: 'processes/order.bpmn',
          versionId: 'v2',
          sequencer: '00AC',
          eventTime: '2026-01-01T00:00:00Z',
          shape: 'eventBridge',
        },
      ]);
    }
  );

  it('leaves out records of other kinds and the S3 test event', () => {
    // Act
    const fromRestore = parseObjectEvents(
      notification('ObjectRestore:Completed', 'processes/a.bpmn')
    );
    const fromTest = parseObjectEvents({ Event: 's3:TestEvent' });
    const fromTagging = parseObjectEvents(
      eventBridge('Object Tags Added', 'processes/a.bpmn')
    );

    // Assess
    expect([fromRestore, fromTest, fromTagging]).toEqual([[], [], []]);
  });

  it('throws when the event is not from S3', () => {
    // Act & Assess
    expect(() => parseObjectEvents({ hello: 'world' })).toThrow(
      ProvisioningEventError
    );
  });
});

describe('Function: decodeS3Key', () => {
  it.each([
    { raw: 'processes%2Fa.bpmn', key: 'processes/a.bpmn' },
    { raw: 'processes/red+flower.bpmn', key: 'processes/red flower.bpmn' },
    { raw: 'processes/c%2B%2B.bpmn', key: 'processes/c++.bpmn' },
    { raw: 'processes/100%.bpmn', key: 'processes/100%.bpmn' },
  ])('decodes $raw to $key', ({ raw, key }) => {
    // Act & Assess
    expect(decodeS3Key(raw)).toBe(key);
  });
});

describe('Function: isProcessObjectKey', () => {
  it.each([
    { key: 'processes/order.bpmn', expected: true },
    { key: 'processes/sub/order.BPMN', expected: true },
    { key: 'processes/order.xml', expected: false },
    { key: 'other/order.bpmn', expected: false },
    { key: 'processes/', expected: false },
  ])('says $expected for $key', ({ key, expected }) => {
    // Act & Assess
    expect(isProcessObjectKey(key, 'processes/')).toBe(expected);
  });
});
