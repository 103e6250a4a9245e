/**
 * Key layout of the binding store, one DynamoDB table with a string `pk`
 * and `sk`: `BINDING#<bindingId>` / `BINDING` (read by the consumer through
 * the alias named after the binding), `PROCESS#<processId>` / `STATUS`,
 * `SOURCE#<s3 key>` / `SOURCE` (the provisioner's status and source items)
 * and `RELEASED#<processId>` / `RELEASED` (a process a bucket file let go),
 * and `PLATFORM` / `TEARDOWN` (the stack is being deleted: nothing is
 * provisioned any more).
 */
const StoreKeys = {
  bindingPrefix: 'BINDING#',
  bindingSort: 'BINDING',
  processPrefix: 'PROCESS#',
  processSort: 'STATUS',
  sourcePrefix: 'SOURCE#',
  sourceSort: 'SOURCE',
  releasedPrefix: 'RELEASED#',
  releasedSort: 'RELEASED',
  platformKey: 'PLATFORM',
  teardownSort: 'TEARDOWN',
} as const;

/** Attributes of the lease an invocation holds on a status or source item. */
const LockAttributes = {
  owner: 'lockOwner',
  expiresAt: 'lockExpiresAt',
} as const;

/**
 * What one status or source item stores of a file's problems. A DynamoDB
 * item holds at most 400 KB, and a hostile file can produce thousands of
 * problems or quote a 2 MB value in one: 50 problems of at most 1,000
 * characters (element id and property 200) keep warnings and errors
 * together near 150 KB, with room for the bindings.
 */
const STORED_PROBLEM_LIMITS = {
  maxProblems: 50,
  maxMessageChars: 1_000,
  maxNameChars: 200,
} as const;

/**
 * Start of the `sourceKey` of binding records StaticKafkaProcess writes
 * (`static:<construct path or file>`): the provisioner and discovery leave
 * those processes to the stack.
 */
const STATIC_SOURCE_PREFIX = 'static:';

export {
  LockAttributes,
  STATIC_SOURCE_PREFIX,
  STORED_PROBLEM_LIMITS,
  StoreKeys,
};
