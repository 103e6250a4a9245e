// The one home of the tests' factories: bindings and deployed bindings
// (one bindingFactory, with the presets some suites assert on), ESM records
// and events, platform settings, and the provisioner's desired bindings,
// ESMs and stored bindings. BPMN files are built by ../bpmn.ts.
export type { BindingOverrides, KafkaOverrides } from './binding.js';
export {
  bindingFactory,
  deployedBindingFactory,
  deployedFactory,
  elementFactory,
  esmBindingFactory,
  messageElementFactory,
} from './binding.js';
export { CONSUMER_ARN, MSK_ARN, MSK_BROKER, platformFactory } from './esm.js';
export type { RecordOptions } from './kafka.js';
export {
  base64,
  kafkaEventFactory,
  kafkaRecordFactory,
  loadEvent,
  partitionRecords,
  recordFactory,
  signedBytes,
} from './kafka.js';
export type { BindingOptions } from './provisioning.js';
export {
  desiredBinding,
  esmFor,
  recordFor,
  storedBindingFactory,
} from './provisioning.js';
