import { isRecord } from '../lib/common/index.js';
import { InfraConfigError } from './errors.js';
import type { KafkaInboundStackProps } from './types.js';

/** Context key of the app's settings in cdk.json (or `-c`). */
const CONTEXT_KEY = 'kafka-inbound';

/** The app's settings: the stack's JSON-expressible props plus app options. */
interface InfraConfig {
  readonly stackName: string;
  /** BPMN files mapped at synth time by StaticKafkaProcess. */
  readonly staticProcesses: readonly string[];
  /** Run cdk-nag's AwsSolutionsChecks on every synth. */
  readonly nag: boolean;
  readonly stackProps: KafkaInboundStackProps;
}

/**
 * Reads the app's settings from the `kafka-inbound` context value (an object
 * in cdk.json, or a JSON string given with `-c kafka-inbound='{…}'`).
 *
 * @param context - the raw context value
 * @throws InfraConfigError when it is not an object or lacks `camunda.restAddress`
 */
const readInfraConfig = (context: unknown): InfraConfig => {
  let value = context;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new InfraConfigError(CONTEXT_KEY, 'is not valid JSON', {
        cause: error,
      });
    }
  }
  if (!isRecord(value)) {
    throw new InfraConfigError(CONTEXT_KEY, 'must be an object');
  }
  const { stackName, staticProcesses, nag, ...props } = value;
  const camunda = props.camunda;
  if (!isRecord(camunda) || typeof camunda.restAddress !== 'string') {
    throw new InfraConfigError(
      `${CONTEXT_KEY}.camunda.restAddress`,
      'is required (the Camunda REST address)'
    );
  }
  if (
    staticProcesses !== undefined &&
    !(
      Array.isArray(staticProcesses) &&
      staticProcesses.every((file) => typeof file === 'string')
    )
  ) {
    throw new InfraConfigError(
      `${CONTEXT_KEY}.staticProcesses`,
      'must be a list of BPMN file paths'
    );
  }
  return {
    stackName: typeof stackName === 'string' ? stackName : 'KafkaInbound',
    staticProcesses: (staticProcesses as string[] | undefined) ?? [],
    nag: nag !== false,
    // The remaining keys are the stack props as JSON; the stack checks them.
    stackProps: props as unknown as KafkaInboundStackProps,
  };
};

export type { InfraConfig };
export { CONTEXT_KEY, readInfraConfig };
