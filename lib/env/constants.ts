/**
 * Every environment variable of the platform, by name: the two Lambda
 * handlers, the CLI and the local runtime read them under these names, and
 * infra/ writes them under the same names. Parse them with
 * `createEnvReader` so that a bad value is an error naming the variable.
 */
const EnvNames = {
  // Both functions (infra/KafkaInbound writes them).
  bindingTableName: 'BINDING_TABLE_NAME',
  nodeOptions: 'NODE_OPTIONS',
  logLevel: 'LOG_LEVEL',
  powertoolsServiceName: 'POWERTOOLS_SERVICE_NAME',
  powertoolsMetricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',

  // Consumer.
  idempotencyTableName: 'IDEMPOTENCY_TABLE_NAME',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',

  // Provisioner.
  consumerFunctionName: 'CONSUMER_FUNCTION_NAME',
  consumerFunctionVersion: 'CONSUMER_FUNCTION_VERSION',
  processesBucket: 'PROCESSES_BUCKET',
  processesPrefix: 'PROCESSES_PREFIX',
  deployToCamunda: 'DEPLOY_TO_CAMUNDA',
  maxBpmnBytes: 'MAX_BPMN_BYTES',

  // Platform defaults of a deployed binding (lib/platform).
  orderingMode: 'ORDERING_MODE',
  keyConcurrency: 'KEY_CONCURRENCY',
  esmMode: 'ESM_MODE',

  // ESM settings (lib/platform readPlatformSettings).
  mskClusterArns: 'MSK_CLUSTER_ARNS',
  minPollers: 'MIN_POLLERS',
  maxPollers: 'MAX_POLLERS',
  pollerGroupName: 'POLLER_GROUP_NAME',
  maximumRetryAttempts: 'MAXIMUM_RETRY_ATTEMPTS',
  maximumRecordAgeSeconds: 'MAXIMUM_RECORD_AGE_SECONDS',
  onFailureDestination: 'ON_FAILURE_DESTINATION',
  vpcSubnetIds: 'VPC_SUBNET_IDS',
  vpcSecurityGroupIds: 'VPC_SECURITY_GROUP_IDS',
  secretPrefix: 'SECRET_PREFIX',
  esmMetrics: 'ESM_METRICS',

  // Camunda (lib/camunda readCamundaConfig), as Camunda's SDKs name them;
  // the ZEEBE_* names are the older SDKs' fallbacks.
  camundaRestAddress: 'CAMUNDA_REST_ADDRESS',
  zeebeRestAddress: 'ZEEBE_REST_ADDRESS',
  camundaAuthStrategy: 'CAMUNDA_AUTH_STRATEGY',
  camundaClientId: 'CAMUNDA_CLIENT_ID',
  zeebeClientId: 'ZEEBE_CLIENT_ID',
  camundaClientSecret: 'CAMUNDA_CLIENT_SECRET',
  zeebeClientSecret: 'ZEEBE_CLIENT_SECRET',
  camundaOauthUrl: 'CAMUNDA_OAUTH_URL',
  zeebeAuthorizationServerUrl: 'ZEEBE_AUTHORIZATION_SERVER_URL',
  camundaOauthScope: 'CAMUNDA_OAUTH_SCOPE',
  camundaTokenScope: 'CAMUNDA_TOKEN_SCOPE',
  camundaTokenAudience: 'CAMUNDA_TOKEN_AUDIENCE',
  zeebeTokenAudience: 'ZEEBE_TOKEN_AUDIENCE',
  camundaOauthTimeoutMs: 'CAMUNDA_OAUTH_TIMEOUT_MS',
  camundaBasicAuthUsername: 'CAMUNDA_BASIC_AUTH_USERNAME',
  camundaBasicAuthPassword: 'CAMUNDA_BASIC_AUTH_PASSWORD',
  camundaTenantId: 'CAMUNDA_TENANT_ID',
  camundaDefaultTenantId: 'CAMUNDA_DEFAULT_TENANT_ID',
  camundaRequestTimeoutMs: 'CAMUNDA_REQUEST_TIMEOUT_MS',
  camundaMaxConcurrentRequests: 'CAMUNDA_MAX_CONCURRENT_REQUESTS',
  camundaBusinessIdUniqueness: 'CAMUNDA_BUSINESS_ID_UNIQUENESS',
  /** Secrets Manager secret with the Camunda credentials (the functions). */
  camundaSecretArn: 'CAMUNDA_SECRET_ARN',

  // Local runtime (`kafka-inbound start`).
  kafkaBootstrapServers: 'KAFKA_BOOTSTRAP_SERVERS',
  localRetryInitialMs: 'LOCAL_RETRY_INITIAL_MS',
  localRetryMaxMs: 'LOCAL_RETRY_MAX_MS',
  localSummaryIntervalMs: 'LOCAL_SUMMARY_INTERVAL_MS',
  /** Prefix of the variables holding secret values: `SECRET_<NAME>`. */
  localSecretPrefix: 'SECRET_',

  // CLI.
  awsRegion: 'AWS_REGION',
  awsDefaultRegion: 'AWS_DEFAULT_REGION',
  awsAccountId: 'AWS_ACCOUNT_ID',
  debug: 'DEBUG',
} as const;

export { EnvNames };
