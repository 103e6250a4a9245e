import {
  CliConfigError,
  type CliError,
  CliUnavailableError,
} from './errors.js';

/** Where the command was talking to AWS, for the hint. */
interface AwsContext {
  /** The region asked for (`--region`, AWS_REGION); undefined = the SDK's default chain. */
  readonly region?: string;
  /** AWS_PROFILE, when set. */
  readonly profile?: string;
  /** What was read, e.g. `the binding table kafka-inbound-bindings`. */
  readonly resource: string;
  /** Where the resource's name comes from, e.g. `--table (the stack output BindingTableName)`. */
  readonly resourceOption: string;
}

const nameOf = (error: unknown): string =>
  error instanceof Error
    ? (error as { code?: unknown }).code === undefined
      ? error.name
      : `${error.name} ${String((error as { code?: unknown }).code)}`
    : '';

const whereText = (context: AwsContext): string =>
  `region ${context.region ?? '(from your AWS config)'}${context.profile === undefined ? '' : `, profile ${context.profile}`}`;

/**
 * Turns an error of the AWS SDK (recognised by its name and shape: the CLI
 * imports no SDK code) into a CLI error that says what to do next: sign in,
 * pick the region or profile, fix the table or queue name, or check the
 * network. Undefined for errors that are not the SDK's.
 *
 * @param error - what the SDK threw
 * @param context - region, profile and the resource being read
 */
const toAwsCliError = (
  thrown: unknown,
  context: AwsContext
): CliError | undefined => {
  // Adapters wrap the SDK's error (BindingStoreUnavailableError…): the
  // SDK's own error, with its name and metadata, is in the cause chain.
  let error: Error | undefined;
  for (
    let current: unknown = thrown, depth = 0;
    current instanceof Error && depth < 5;
    current = current.cause, depth++
  ) {
    if (
      '$metadata' in current ||
      '$fault' in current ||
      /CredentialsProvider|ExpiredToken|TokenRefresh/.test(current.name) ||
      /Region is missing/.test(current.message)
    ) {
      error = current;
      break;
    }
  }
  if (error === undefined) return undefined;
  const name = nameOf(error);
  const message = `${context.resource} (${whereText(context)}): ${error.message.split('\n')[0] ?? error.name}`;
  const options = { cause: error };
  if (
    /Region is missing|ConfigError.*region/i.test(`${name} ${error.message}`)
  ) {
    return new CliConfigError(`no AWS region: ${error.message}`, {
      ...options,
      hint: 'pass --region <region>, or set AWS_REGION (or AWS_PROFILE for a profile that has a region)',
    });
  }
  if (
    /CredentialsProviderError|Could not load credentials/i.test(
      `${name} ${error.message}`
    )
  ) {
    return new CliUnavailableError(`no AWS credentials: ${message}`, {
      ...options,
      hint: `sign in (aws sso login${context.profile === undefined ? '' : ` --profile ${context.profile}`}) or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
    });
  }
  if (/ExpiredToken|TokenRefreshRequired|expired/i.test(name)) {
    return new CliUnavailableError(`AWS credentials expired: ${message}`, {
      ...options,
      hint: `sign in again (aws sso login${context.profile === undefined ? '' : ` --profile ${context.profile}`}) or refresh AWS_SESSION_TOKEN`,
    });
  }
  if (
    /UnrecognizedClient|InvalidClientTokenId|InvalidSignature|SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId/i.test(
      name
    )
  ) {
    return new CliUnavailableError(`AWS refused the credentials: ${message}`, {
      ...options,
      hint: 'check AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY: they are not valid for this account and region',
    });
  }
  if (/AccessDenied|NotAuthorized|Forbidden/i.test(name)) {
    return new CliUnavailableError(`AWS denied access: ${message}`, {
      ...options,
      hint: 'use a role or profile allowed to read it (the message names the action), or ask for that permission',
    });
  }
  if (
    /ResourceNotFound|NonExistentQueue|QueueDoesNotExist|NoSuchEntity/i.test(
      name
    )
  ) {
    return new CliConfigError(`not found: ${message}`, {
      ...options,
      hint: `check ${context.resourceOption} and the region (--region or AWS_REGION): names are per account and region`,
    });
  }
  if (
    /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|TimeoutError|NetworkingError/i.test(
      `${name} ${error.message}`
    )
  ) {
    return new CliUnavailableError(`AWS cannot be reached: ${message}`, {
      ...options,
      hint: 'check the network (proxy, VPN) and the region; AWS_ENDPOINT_URL points the CLI elsewhere when set',
    });
  }
  return new CliUnavailableError(`AWS error: ${message}`, options);
};

export type { AwsContext };
export { toAwsCliError };
