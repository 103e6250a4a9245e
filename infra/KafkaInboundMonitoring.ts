import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
// The file, not the module's index: synth needs the names, not the AWS
// SDK clients lib/aws's adapters load.
import {
  METRIC_NAMES,
  METRIC_NAMESPACE,
  SERVICE_NAMES,
} from '../lib/aws/constants.js';

interface KafkaInboundMonitoringProps {
  readonly consumer: IFunction;
  readonly provisioner: IFunction;
  readonly deadLetterQueue: IQueue;
  readonly provisionerEventsDlq: IQueue;
  readonly alarmTopic: ITopic;
}

/**
 * One line per process and element: the dimension values are only known
 * at run time, so a SEARCH finds them. Free-text search matches any
 * dimension set (Powertools adds `service` to processId + elementId).
 */
const searchByProcess = (
  metricName: string,
  stat: string,
  label: string
): MathExpression =>
  new MathExpression({
    expression: `SEARCH('Namespace="${METRIC_NAMESPACE}" MetricName="${metricName}"', '${stat}', 300)`,
    label,
    usingMetrics: {},
    period: Duration.minutes(5),
  });

/**
 * The dashboard and alarms of a kafka-inbound deployment.
 */
class KafkaInboundMonitoring extends Construct {
  readonly dashboard: Dashboard;
  readonly alarms: readonly Alarm[];

  constructor(
    scope: Construct,
    id: string,
    props: KafkaInboundMonitoringProps
  ) {
    super(scope, id);
    const { consumer, provisioner } = props;
    const deadLetters =
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      });
    const failedEvents =
      props.provisionerEventsDlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      });
    const consumerErrors = consumer.metricErrors({
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
    const provisionerErrors = provisioner.metricErrors({
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
    const offsetLag = new MathExpression({
      // Published per ESM (function + alias); OffsetLag is Kafka-only.
      expression: `SEARCH('Namespace="AWS/Lambda" MetricName="OffsetLag" ${consumer.functionName}', 'Maximum', 60)`,
      label: 'OffsetLag',
      usingMetrics: {},
      period: Duration.minutes(1),
    });

    const action = new SnsAction(props.alarmTopic);
    const alarm = (
      alarmId: string,
      metric: IMetric,
      description: string
    ): Alarm => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };
    this.alarms = [
      alarm(
        'DeadLettersPresent',
        deadLetters,
        'Records were dead-lettered: inspect the queue, fix, then `kafka-inbound replay`.'
      ),
      alarm(
        'ConsumerErrors',
        consumerErrors,
        'The consumer failed whole invocations (the ESM retries the batch).'
      ),
      alarm(
        'ProvisionerErrors',
        provisionerErrors,
        'The provisioner failed on a BPMN upload: see `kafka-inbound status`.'
      ),
      alarm(
        'ProvisionerEventsDropped',
        failedEvents,
        'Bucket events the provisioner gave up on: re-upload the file.'
      ),
    ];

    const graph = (title: string, left: IMetric[], width = 12): GraphWidget =>
      new GraphWidget({ title, left, width, height: 6 });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          new TextWidget({
            markdown: `# kafka-inbound\nRecords per process and element (namespace \`${METRIC_NAMESPACE}\`), Camunda calls, ESM lag, provisioner outcomes.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          graph('Records received', [
            searchByProcess(
              METRIC_NAMES.received,
              'Sum',
              METRIC_NAMES.received
            ),
          ]),
          graph('Activated / not activated', [
            searchByProcess(
              METRIC_NAMES.activated,
              'Sum',
              METRIC_NAMES.activated
            ),
            searchByProcess(
              METRIC_NAMES.notActivated,
              'Sum',
              METRIC_NAMES.notActivated
            ),
          ]),
        ],
        [
          graph('Instances created / messages published', [
            searchByProcess(METRIC_NAMES.created, 'Sum', METRIC_NAMES.created),
            searchByProcess(
              METRIC_NAMES.published,
              'Sum',
              METRIC_NAMES.published
            ),
          ]),
          graph('Dead-lettered / retried', [
            searchByProcess(
              METRIC_NAMES.deadLettered,
              'Sum',
              METRIC_NAMES.deadLettered
            ),
            searchByProcess(METRIC_NAMES.retried, 'Sum', METRIC_NAMES.retried),
            deadLetters,
          ]),
        ],
        [
          graph('Camunda latency (ms, p50 / p99)', [
            searchByProcess(METRIC_NAMES.camundaLatency, 'p50', 'p50'),
            searchByProcess(METRIC_NAMES.camundaLatency, 'p99', 'p99'),
          ]),
          graph('Consumer invocations / errors / throttles / deadline stops', [
            consumer.metricInvocations({ period: Duration.minutes(5) }),
            consumerErrors,
            consumer.metricThrottles({ period: Duration.minutes(5) }),
            // Partitions an invocation stopped before its timeout (Camunda
            // slower than the batch size and function timeout allow).
            searchByProcess(
              METRIC_NAMES.deadlineStops,
              'Sum',
              METRIC_NAMES.deadlineStops
            ),
          ]),
        ],
        [
          graph('ESM offset lag (per alias)', [offsetLag]),
          graph('Provisioner outcomes', [
            provisioner.metricInvocations({ period: Duration.minutes(5) }),
            provisionerErrors,
            failedEvents,
            new MathExpression({
              expression: `SEARCH('Namespace="${METRIC_NAMESPACE}" service="${SERVICE_NAMES.provisioner}"', 'Sum', 300)`,
              label: 'provisioner metrics',
              usingMetrics: {},
              period: Duration.minutes(5),
            }),
          ]),
        ],
      ],
    });
  }
}

export type { KafkaInboundMonitoringProps };
export { KafkaInboundMonitoring, METRIC_NAMESPACE };
