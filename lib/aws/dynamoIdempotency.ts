import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyUnknownError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { CamundaOutcome } from '../camunda/types.js';
import type { IdempotencyPort } from '../consumer/types.js';
import { AWS_DEFAULTS, IdempotencyTableKeys } from './constants.js';

interface DynamoIdempotencyOptions {
  /** The DynamoDB client (an SDK v3 client; Powertools checks). */
  readonly client: DynamoDBClient;
  /** How long a `done` record is kept; default 7 days. */
  readonly expiresAfterSeconds?: number;
  /**
   * In-progress expiry used until a Lambda context is registered;
   * default 15 minutes (longer than any Kafka consumer's timeout).
   */
  readonly inProgressMs?: number;
  /** Prefix of the stored keys; default `kafka-inbound`. */
  readonly keyPrefix?: string;
}

/** The idempotency port plus the Lambda hook Powertools needs. */
interface DynamoIdempotency extends IdempotencyPort {
  /**
   * Makes in-progress records expire when this invocation times out, so a
   * record left by an invocation that died does not block its retry.
   */
  registerLambdaContext(context: Context): void;
}

/** Thrown inside the idempotent function so Powertools drops its record. */
class OutcomeNotDoneSignal extends Error {
  constructor() {
    super('not done');
    this.name = 'OutcomeNotDoneSignal';
  }
}

/** A stand-in context whose remaining time is fixed. */
const fixedTimeContext = (remainingMs: number): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: '',
  functionVersion: '',
  invokedFunctionArn: '',
  memoryLimitInMB: '',
  awsRequestId: '',
  logGroupName: '',
  logStreamName: '',
  getRemainingTimeInMillis: () => remainingMs,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const isDoneOutcome = (
  value: unknown
): value is Extract<CamundaOutcome, { kind: 'done' }> =>
  typeof value === 'object' &&
  value !== null &&
  'kind' in value &&
  value.kind === 'done' &&
  'status' in value &&
  typeof value.status === 'number';

/**
 * An idempotency port on a DynamoDB table through Powertools idempotency
 * (`makeIdempotent` + `DynamoDBPersistenceLayer`; table key `id`, TTL
 * attribute `expiration`).
 *
 * - `once(key, work)` stores an in-progress record under a hash of `key`,
 *   runs `work`, and keeps the record only when the outcome is `done`; for
 *   `retry` and `poison` the record is deleted, so a redelivery runs again.
 * - A stored `done` outcome is returned with `duplicate: true`, without
 *   running `work`.
 * - A record in progress elsewhere, or a table that cannot be reached before
 *   the work, gives a `retry` outcome (the work has not run).
 * - When the work ran and only storing its `done` outcome failed, the `done`
 *   outcome is returned: the work must not be reported as a retry.
 *
 * @param tableName - the idempotency table
 * @param options - DynamoDB client, expiry, key prefix
 * @example
 * ```ts
 * const idempotency = dynamoIdempotency(process.env.IDEMPOTENCY_TABLE_NAME, { client });
 * idempotency.registerLambdaContext(context);
 * const outcome = await idempotency.once(key, () => camunda.createProcessInstance(request));
 * ```
 */
const dynamoIdempotency = (
  tableName: string,
  options: DynamoIdempotencyOptions
): DynamoIdempotency => {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: IdempotencyTableKeys.key,
    expiryAttr: IdempotencyTableKeys.expiry,
    awsSdkV3Client: options.client,
  });
  const config = new IdempotencyConfig({
    expiresAfterSeconds:
      options.expiresAfterSeconds ??
      AWS_DEFAULTS.idempotencyExpiresAfterSeconds,
    lambdaContext: fixedTimeContext(
      options.inProgressMs ?? AWS_DEFAULTS.idempotencyInProgressMs
    ),
    // Only called for a stored result: that is what makes it a duplicate.
    responseHook: (response) =>
      typeof response === 'object' && response !== null
        ? { ...response, duplicate: true }
        : response,
  });
  const runOnce = makeIdempotent(
    async (
      _payload: { readonly key: string },
      run: () => Promise<CamundaOutcome>
    ): Promise<CamundaOutcome> => {
      const outcome = await run();
      if (outcome.kind !== 'done') throw new OutcomeNotDoneSignal();
      // DynamoDB cannot store undefined fields; JSON drops them.
      return JSON.parse(JSON.stringify(outcome));
    },
    {
      persistenceStore,
      config,
      keyPrefix: options.keyPrefix ?? AWS_DEFAULTS.idempotencyKeyPrefix,
    }
  );

  return {
    registerLambdaContext: (context) => config.registerLambdaContext(context),
    once: async (key, work) => {
      let outcome: CamundaOutcome | undefined;
      const run = async (): Promise<CamundaOutcome> => {
        outcome = await work();
        return outcome;
      };
      let stored: unknown;
      try {
        stored = await runOnce({ key }, run);
      } catch (error) {
        // The work ran: its outcome stands, whatever happened to the record.
        if (outcome !== undefined) return outcome;
        if (error instanceof IdempotencyAlreadyInProgressError) {
          return {
            kind: 'retry',
            reason: 'an earlier delivery of this record is still in progress',
          };
        }
        if (error instanceof IdempotencyUnknownError) {
          const cause = error.cause instanceof Error ? error.cause.name : '';
          return {
            kind: 'retry',
            reason: `idempotency store: ${error.name}${cause ? ` (${cause})` : ''}`,
          };
        }
        throw error;
      }
      if (outcome !== undefined) return outcome;
      if (isDoneOutcome(stored)) return { ...stored, duplicate: true };
      return {
        kind: 'retry',
        reason: 'idempotency store: the stored outcome is not a done outcome',
      };
    },
  };
};

export type { DynamoIdempotency, DynamoIdempotencyOptions };
export { dynamoIdempotency };
