import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { KafkaInboundMonitoring } from './KafkaInboundMonitoring.js';

interface MonitoringOptions {
  readonly dataKey: IKey;
  readonly consumer: IFunction;
  readonly provisioner: IFunction;
  readonly deadLetterQueue: IQueue;
  readonly provisionerEventsDlq: IQueue;
  /** Subscribed to the alarm topic. */
  readonly alarmEmail?: string;
}

/**
 * The monitoring part of `KafkaInbound`: the encrypted alarm topic (with an
 * e-mail subscription when given) and the dashboard and alarms of
 * KafkaInboundMonitoring.
 *
 * @param scope - the KafkaInbound construct (logical ids as the stack had them)
 * @param options - data key, functions, queues, alarm e-mail
 */
const addMonitoring = (
  scope: Construct,
  options: MonitoringOptions
): {
  readonly alarmTopic: Topic;
  readonly monitoring: KafkaInboundMonitoring;
} => {
  const alarmTopic = new Topic(scope, 'AlarmTopic', {
    displayName: 'kafka-inbound alarms',
    masterKey: options.dataKey,
    enforceSSL: true,
  });
  if (options.alarmEmail !== undefined) {
    alarmTopic.addSubscription(new EmailSubscription(options.alarmEmail));
  }
  const monitoring = new KafkaInboundMonitoring(scope, 'Monitoring', {
    consumer: options.consumer,
    provisioner: options.provisioner,
    deadLetterQueue: options.deadLetterQueue,
    provisionerEventsDlq: options.provisionerEventsDlq,
    alarmTopic,
  });
  return { alarmTopic, monitoring };
};

export type { MonitoringOptions };
export { addMonitoring };
