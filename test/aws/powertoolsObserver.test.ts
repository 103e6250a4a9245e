import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { powertoolsObserver } from '../../lib/aws/index.js';
import type { RecordEvent } from '../../lib/consumer/types.js';
import { deployedBindingFactory } from '../support/factories/index.js';
import { captureOutput, type OutputCapture } from './captureOutput.js';

const deployed = deployedBindingFactory();
const at = (offset: number) => ({ topic: 'orders', partition: 1, offset });

/** The values of metric `name` per dimension set, from EMF documents. */
const metricValues = (documents: Record<string, unknown>[]) =>
  documents.map((document) => {
    const aws = document._aws as {
      CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[];
    };
    const [directive] = aws.CloudWatchMetrics;
    const dimensions = Object.fromEntries(
      (directive?.Dimensions[0] ?? []).map((name) => [name, document[name]])
    );
    const { _aws: _, service: __, ...rest } = document;
    const values = Object.fromEntries(
      Object.entries(rest).filter(([name]) => !(name in dimensions))
    );
    return { namespace: directive?.Namespace, dimensions, values };
  });

describe('Function: powertoolsObserver', () => {
  let stdout: OutputCapture;
  let logger: Logger;
  let metrics: Metrics;

  beforeEach(() => {
    stdout = captureOutput();
    logger = new Logger({
      serviceName: 'kafka-inbound-consumer',
      logLevel: 'DEBUG',
    });
    metrics = new Metrics({
      namespace: 'KafkaInbound',
      serviceName: 'kafka-inbound-consumer',
    });
  });

  afterEach(() => {
    stdout.restore();
  });

  it('logs each event with processId, bindingId, elementId, topic, partition and offset at its level', () => {
    // Prepare
    const observer = powertoolsObserver(logger, metrics, deployed);
    const events: RecordEvent[] = [
      { type: 'received', ...at(5) },
      { type: 'activated', elementId: 'StartEvent_Kafka', ...at(5) },
      {
        type: 'created',
        elementId: 'StartEvent_Kafka',
        latencyMs: 12,
        ...at(5),
      },
      { type: 'retry', elementId: 'StartEvent_Kafka', detail: '503', ...at(6) },
      {
        type: 'deadLettered',
        elementId: 'StartEvent_Kafka',
        detail: '400 bad',
        ...at(7),
      },
    ];

    // Act
    for (const event of events) observer.onRecord(event);

    // Assess
    const logs = stdout.logs().map((line) => ({
      level: line.level,
      message: line.message,
      processId: line.processId,
      bindingId: line.bindingId,
      elementId: line.elementId,
      topic: line.topic,
      partition: line.partition,
      offset: line.offset,
      latencyMs: line.latencyMs,
      detail: line.detail,
    }));
    const common = {
      processId: 'order-process',
      bindingId: 'order-process-orders',
      topic: 'orders',
      partition: 1,
    };
    expect(logs).toEqual([
      {
        ...common,
        level: 'DEBUG',
        message: 'record received',
        elementId: undefined,
        offset: 5,
        latencyMs: undefined,
        detail: undefined,
      },
      {
        ...common,
        level: 'DEBUG',
        message: 'record activated an element',
        elementId: 'StartEvent_Kafka',
        offset: 5,
        latencyMs: undefined,
        detail: undefined,
      },
      {
        ...common,
        level: 'INFO',
        message: 'process instance created',
        elementId: 'StartEvent_Kafka',
        offset: 5,
        latencyMs: 12,
        detail: undefined,
      },
      {
        ...common,
        level: 'WARN',
        message: 'record will be retried; its partition stops here',
        elementId: 'StartEvent_Kafka',
        offset: 6,
        latencyMs: undefined,
        detail: '503',
      },
      {
        ...common,
        level: 'ERROR',
        message: 'record dead-lettered',
        elementId: 'StartEvent_Kafka',
        offset: 7,
        latencyMs: undefined,
        detail: '400 bad',
      },
    ]);
  });

  it('logs nothing below INFO for received and activated records at the default level', () => {
    // Prepare
    logger.setLogLevel('INFO');
    const observer = powertoolsObserver(logger, metrics, deployed);

    // Act
    observer.onRecord({ type: 'received', ...at(1) });
    observer.onRecord({
      type: 'activated',
      elementId: 'StartEvent_Kafka',
      ...at(1),
    });
    observer.onRecord({ type: 'skippedBelowOffset', ...at(0) });

    // Assess
    expect(stdout.logs()).toEqual([]);
  });

  it('emits counts per dimension set (processId + elementId, else processId + bindingId) and leaves the last set for the caller to publish', () => {
    // Prepare
    const observer = powertoolsObserver(logger, metrics, deployed);
    logger.setLogLevel('ERROR');
    observer.onRecord({ type: 'received', ...at(1) });
    observer.onRecord({ type: 'received', ...at(2) });
    observer.onRecord({ type: 'received', ...at(3) });
    observer.onRecord({ type: 'notActivated', ...at(1) });
    observer.onRecord({
      type: 'activated',
      elementId: 'StartEvent_Kafka',
      ...at(2),
    });
    observer.onRecord({
      type: 'created',
      elementId: 'StartEvent_Kafka',
      latencyMs: 20,
      ...at(2),
    });
    observer.onRecord({
      type: 'activated',
      elementId: 'StartEvent_Kafka',
      ...at(3),
    });
    observer.onRecord({
      type: 'duplicate',
      elementId: 'StartEvent_Kafka',
      latencyMs: 5,
      ...at(3),
    });

    // Act
    observer.flush();
    const beforePublish = stdout.metrics().length;
    metrics.publishStoredMetrics();

    // Assess
    expect(beforePublish).toBe(1);
    expect(metricValues(stdout.metrics())).toEqual([
      {
        namespace: 'KafkaInbound',
        dimensions: {
          service: 'kafka-inbound-consumer',
          processId: 'order-process',
          bindingId: 'order-process-orders',
        },
        values: { received: 3, notActivated: 1 },
      },
      {
        namespace: 'KafkaInbound',
        dimensions: {
          service: 'kafka-inbound-consumer',
          processId: 'order-process',
          elementId: 'StartEvent_Kafka',
        },
        values: {
          activated: 2,
          created: 1,
          duplicate: 1,
          camundaLatency: [20, 5],
        },
      },
    ]);
  });

  it('splits more than 99 latencies of one dimension set over several EMF documents, each with its dimensions', () => {
    // Prepare
    const observer = powertoolsObserver(logger, metrics, deployed);
    logger.setLogLevel('ERROR');
    for (let offset = 0; offset < 150; offset++) {
      observer.onRecord({
        type: 'published',
        elementId: 'Catch_1',
        latencyMs: offset,
        ...at(offset),
      });
    }

    // Act
    observer.flush();
    metrics.publishStoredMetrics();

    // Assess
    const documents = metricValues(stdout.metrics());
    expect(documents.map((d) => d.dimensions.elementId)).toEqual([
      'Catch_1',
      'Catch_1',
    ]);
    expect(documents[0]?.values.published).toBe(150);
    const latencies = documents.flatMap((d) => d.values.camundaLatency);
    expect(latencies).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });

  it('emits nothing when no record was seen', () => {
    // Prepare
    const observer = powertoolsObserver(logger, metrics, deployed);

    // Act
    observer.flush();

    // Assess
    expect(stdout.metrics()).toEqual([]);
  });
});
