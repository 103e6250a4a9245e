/**
 * Every environment variable of the platform: the two Lambda handlers, the
 * CLI and the local runtime read these names, and infra/ writes the
 * functions' variables under them. A name is an `EnvName`, so a name that
 * is not in this table does not compile where it is read (through
 * `createEnvReader`) or written (infra/, `satisfies EnvVariables`). Only
 * the names used end up in a Lambda bundle, as string literals.
 */
const ENV_NAMES = [
  // Both functions (infra/KafkaInbound writes them).
  'BINDING_TABLE_NAME',
  'NODE_OPTIONS',
  'LOG_LEVEL',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',

  // Consumer.
  'IDEMPOTENCY_TABLE_NAME',
  'DEAD_LETTER_QUEUE_URL',

  // Provisioner.
  'CONSUMER_FUNCTION_NAME',
  'CONSUMER_FUNCTION_VERSION',
  'PROCESSES_BUCKET',
  'PROCESSES_PREFIX',
  'DEPLOY_TO_CAMUNDA',
  'DISCOVER_DEPLOYMENTS',
  'MAX_BPMN_BYTES',
  // Upload policy (lib/provisioning readUploadPolicy; validate reads it too).
  'SECRET_REFERENCE_POLICY',
  'MAX_BINDINGS_PER_FILE',
  'MAX_BINDINGS_PER_PLATFORM',

  // Platform defaults of a deployed binding (lib/platform).
  'ORDERING_MODE',
  'KEY_CONCURRENCY',
  'ESM_MODE',
  'DEADLINE_MARGIN_MS',

  // ESM settings (lib/platform readPlatformSettings).
  'MSK_CLUSTER_ARNS',
  'MIN_POLLERS',
  'MAX_POLLERS',
  'POLLER_GROUP_NAME',
  'MAXIMUM_RETRY_ATTEMPTS',
  'MAXIMUM_RECORD_AGE_SECONDS',
  'ON_FAILURE_DESTINATION',
  'VPC_SUBNET_IDS',
  'VPC_SECURITY_GROUP_IDS',
  'SECRET_PREFIX',
  'ESM_METRICS',
  'MSK_SCRAM_KEY_ARN',

  // Camunda (lib/camunda readCamundaConfig), as Camunda's SDKs name them;
  // the ZEEBE_* names are the older SDKs' fallbacks.
  'CAMUNDA_REST_ADDRESS',
  'ZEEBE_REST_ADDRESS',
  'CAMUNDA_AUTH_STRATEGY',
  'CAMUNDA_CLIENT_ID',
  'ZEEBE_CLIENT_ID',
  'CAMUNDA_CLIENT_SECRET',
  'ZEEBE_CLIENT_SECRET',
  'CAMUNDA_OAUTH_URL',
  'ZEEBE_AUTHORIZATION_SERVER_URL',
  'CAMUNDA_OAUTH_SCOPE',
  'CAMUNDA_TOKEN_SCOPE',
  'CAMUNDA_TOKEN_AUDIENCE',
  'ZEEBE_TOKEN_AUDIENCE',
  'CAMUNDA_OAUTH_TIMEOUT_MS',
  'CAMUNDA_BASIC_AUTH_USERNAME',
  'CAMUNDA_BASIC_AUTH_PASSWORD',
  'CAMUNDA_TENANT_ID',
  'CAMUNDA_DEFAULT_TENANT_ID',
  'CAMUNDA_REQUEST_TIMEOUT_MS',
  'CAMUNDA_MAX_CONCURRENT_REQUESTS',
  'CAMUNDA_BUSINESS_ID_UNIQUENESS',
  // The Secrets Manager secret with the Camunda credentials (the functions).
  'CAMUNDA_SECRET_ARN',

  // Local runtime (`kafka-inbound start`).
  'KAFKA_BOOTSTRAP_SERVERS',
  'LOCAL_RETRY_INITIAL_MS',
  'LOCAL_RETRY_MAX_MS',
  'LOCAL_SUMMARY_INTERVAL_MS',
  'LOCAL_VERSION_CHECK_MS',
  'LOCAL_DISCOVER_MS',

  // CLI.
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCOUNT_ID',
  'AWS_PROFILE',
  'DEBUG',
] as const;

export { ENV_NAMES };
