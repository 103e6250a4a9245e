import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  BatchObserver,
  DeployedBinding,
  RecordEvent,
} from '../consumer/types.js';
import { METRIC_NAMES } from './constants.js';

/** A batch observer that also hands its metrics over at the end. */
interface PowertoolsObserver extends BatchObserver {
  /**
   * Moves the counted metrics into `metrics`. One EMF document carries one
   * dimension set, so every set but the last is published at once; the last
   * stays stored for the caller's `publishStoredMetrics()` (the `logMetrics`
   * middleware does that), which avoids an empty-metrics warning there.
   */
  flush(): void;
}

type CountName = Exclude<
  (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES],
  'camundaLatency'
>;

const COUNTED: Readonly<Record<RecordEvent['type'], CountName | undefined>> = {
  received: METRIC_NAMES.received,
  skippedBelowOffset: undefined,
  activated: METRIC_NAMES.activated,
  notActivated: METRIC_NAMES.notActivated,
  created: METRIC_NAMES.created,
  published: METRIC_NAMES.published,
  duplicate: METRIC_NAMES.duplicate,
  retry: METRIC_NAMES.retried,
  deadLettered: METRIC_NAMES.deadLettered,
  alreadyResolved: undefined,
  deadlineStop: METRIC_NAMES.deadlineStops,
};

const MESSAGES: Readonly<Record<RecordEvent['type'], string>> = {
  received: 'record received',
  skippedBelowOffset: 'record skipped: below the configured start offset',
  activated: 'record activated an element',
  notActivated: 'record did not activate any element',
  created: 'process instance created',
  published: 'message published',
  duplicate: 'record was handled before (duplicate)',
  retry: 'record will be retried; its partition stops here',
  deadLettered: 'record dead-lettered',
  alreadyResolved: 'record skipped: an earlier delivery resolved it',
  deadlineStop:
    'partition stopped at the deadline: its records from this offset are delivered again',
};

// EMF holds at most 100 values per metric; Powertools publishes (and drops
// the dimensions) when a metric reaches 100, so stay below.
const MAX_VALUES_PER_DOCUMENT = 99;

interface Group {
  readonly dimensions: Readonly<Record<string, string>>;
  readonly counts: Map<CountName, number>;
  readonly latencies: number[];
}

/**
 * Turns the batch processor's record events into Powertools logs and
 * metrics. Every log line carries processId, bindingId, elementId (when
 * known), topic, partition and offset; events never carry record values, so
 * none are logged. Metrics are counted per dimension set (processId +
 * elementId, or processId + bindingId before an element is known) and
 * emitted by {@link PowertoolsObserver.flush}.
 *
 * @param logger - the Powertools logger
 * @param metrics - the Powertools metrics (namespace KafkaInbound)
 * @param deployed - the binding the batch belongs to
 */
const powertoolsObserver = (
  logger: Logger,
  metrics: Metrics,
  deployed: DeployedBinding
): PowertoolsObserver => {
  const { binding } = deployed;
  const groups = new Map<string, Group>();

  const groupOf = (elementId: string | undefined): Group => {
    const key = elementId === undefined ? '' : `e:${elementId}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        dimensions:
          elementId === undefined
            ? { processId: binding.processId, bindingId: binding.id }
            : { processId: binding.processId, elementId },
        counts: new Map(),
        latencies: [],
      };
      groups.set(key, group);
    }
    return group;
  };

  const log = (event: RecordEvent): void => {
    const attributes = {
      processId: binding.processId,
      bindingId: binding.id,
      bindingRevision: binding.revision,
      ...(event.elementId === undefined ? {} : { elementId: event.elementId }),
      topic: event.topic,
      partition: event.partition,
      offset: event.offset,
      ...(event.latencyMs === undefined ? {} : { latencyMs: event.latencyMs }),
      ...(event.detail === undefined ? {} : { detail: event.detail }),
    };
    const message = MESSAGES[event.type];
    switch (event.type) {
      case 'created':
      case 'published':
      case 'duplicate':
        logger.info(message, attributes);
        break;
      case 'retry':
      case 'deadlineStop':
        logger.warn(message, attributes);
        break;
      case 'deadLettered':
        logger.error(message, attributes);
        break;
      default:
        logger.debug(message, attributes);
    }
  };

  const emit = (group: Group, last: boolean): void => {
    const documents = Math.max(
      1,
      Math.ceil(group.latencies.length / MAX_VALUES_PER_DOCUMENT)
    );
    for (let index = 0; index < documents; index++) {
      for (const [name, value] of Object.entries(group.dimensions)) {
        metrics.addDimension(name, value);
      }
      if (index === 0) {
        for (const [name, count] of group.counts) {
          metrics.addMetric(name, MetricUnit.Count, count);
        }
      }
      const latencies = group.latencies.slice(
        index * MAX_VALUES_PER_DOCUMENT,
        (index + 1) * MAX_VALUES_PER_DOCUMENT
      );
      for (const latency of latencies) {
        metrics.addMetric(
          METRIC_NAMES.camundaLatency,
          MetricUnit.Milliseconds,
          latency
        );
      }
      if (!(last && index === documents - 1)) metrics.publishStoredMetrics();
    }
  };

  return {
    onRecord: (event) => {
      log(event);
      const group = groupOf(event.elementId);
      const name = COUNTED[event.type];
      if (name !== undefined) {
        group.counts.set(name, (group.counts.get(name) ?? 0) + 1);
      }
      if (event.latencyMs !== undefined) group.latencies.push(event.latencyMs);
    },
    flush: () => {
      const pending = [...groups.values()].filter(
        (group) => group.counts.size > 0 || group.latencies.length > 0
      );
      groups.clear();
      pending.forEach((group, index) => {
        emit(group, index === pending.length - 1);
      });
    },
  };
};

export type { PowertoolsObserver };
export { powertoolsObserver };
