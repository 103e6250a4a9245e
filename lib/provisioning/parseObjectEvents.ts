import { isBpmnFileName } from '../bpmn/index.js';
import { isRecord } from '../common/index.js';
import { ProvisioningEventError } from './errors.js';
import type { ObjectEvent } from './types.js';

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Decodes an S3 event key as S3 documents it (`+` is a space, then URL
 * decoding). A key that is not valid URL encoding is returned as it is.
 *
 * @param key - the key as the event carries it
 */
const decodeS3Key = (key: string): string => {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch (error) {
    if (error instanceof URIError) {
      return key;
    }
    throw error;
  }
};

const fromNotificationRecord = (record: unknown): ObjectEvent | undefined => {
  if (!isRecord(record) || !isRecord(record.s3)) {
    return undefined;
  }
  const eventName = text(record.eventName) ?? '';
  const kind = eventName.startsWith('ObjectCreated:')
    ? 'created'
    : eventName.startsWith('ObjectRemoved:')
      ? 'removed'
      : undefined;
  const bucket = isRecord(record.s3.bucket)
    ? text(record.s3.bucket.name)
    : undefined;
  const object = isRecord(record.s3.object) ? record.s3.object : undefined;
  const key = text(object?.key);
  if (kind === undefined || bucket === undefined || key === undefined) {
    return undefined;
  }
  const versionId = text(object?.versionId);
  const sequencer = text(object?.sequencer);
  const eventTime = text(record.eventTime);
  return {
    kind,
    bucket,
    key: decodeS3Key(key),
    shape: 's3Notification',
    ...(versionId === undefined ? {} : { versionId }),
    ...(sequencer === undefined ? {} : { sequencer }),
    ...(eventTime === undefined ? {} : { eventTime }),
  };
};

const fromEventBridge = (event: Json): ObjectEvent | undefined => {
  const detailType = text(event['detail-type']);
  const kind =
    detailType === 'Object Created'
      ? 'created'
      : detailType === 'Object Deleted'
        ? 'removed'
        : undefined;
  const detail = isRecord(event.detail) ? event.detail : undefined;
  const bucket = isRecord(detail?.bucket)
    ? text(detail.bucket.name)
    : undefined;
  const object = isRecord(detail?.object) ? detail.object : undefined;
  const key = text(object?.key);
  if (kind === undefined || bucket === undefined || key === undefined) {
    return undefined;
  }
  const versionId = text(object?.['version-id']);
  const sequencer = text(object?.sequencer);
  const eventTime = text(event.time);
  return {
    kind,
    bucket,
    key: decodeS3Key(key),
    shape: 'eventBridge',
    ...(versionId === undefined ? {} : { versionId }),
    ...(sequencer === undefined ? {} : { sequencer }),
    ...(eventTime === undefined ? {} : { eventTime }),
  };
};

/**
 * Reads the object events of a Lambda event: an S3 event notification
 * (`Records[].s3`) or an EventBridge event from S3 (`Object Created` /
 * `Object Deleted`). Records of other kinds (restore, tagging, the S3 test
 * event) are left out.
 *
 * @param event - the Lambda event
 * @throws ProvisioningEventError when the event has neither shape
 */
const parseObjectEvents = (event: unknown): ObjectEvent[] => {
  if (isRecord(event) && Array.isArray(event.Records)) {
    return event.Records.map(fromNotificationRecord).filter(
      (item): item is ObjectEvent => item !== undefined
    );
  }
  if (isRecord(event) && event.source === 'aws.s3') {
    const parsed = fromEventBridge(event);
    return parsed === undefined ? [] : [parsed];
  }
  if (isRecord(event) && event.Event === 's3:TestEvent') {
    return [];
  }
  throw new ProvisioningEventError(
    'Not an S3 event notification or an S3 EventBridge event'
  );
};

/**
 * Whether a key is a BPMN file under the processes prefix.
 *
 * @param key - decoded object key
 * @param prefix - the processes prefix (`processes/`)
 */
const isProcessObjectKey = (key: string, prefix: string): boolean =>
  key.startsWith(prefix) && key.length > prefix.length && isBpmnFileName(key);

export { decodeS3Key, isProcessObjectKey, parseObjectEvents };
