import {
  BadRequestException,
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  ForbiddenException,
  GetBootstrapBrokersCommand,
  type GetBootstrapBrokersCommandOutput,
  KafkaClient,
  NotFoundException,
  paginateListScramSecrets,
  UnauthorizedException,
  type UnprocessedScramSecret,
} from '@aws-sdk/client-kafka';
import type { MskAuthentication } from '../esm/types.js';
import type { MskClusterLookup, MskClusters } from '../provisioning/types.js';
import { MskScramAssociationError } from './errors.js';

interface MskClustersOptions {
  /** @default a new client of `region` */
  readonly client?: KafkaClient;
  /** The clusters' region, when no client is given. */
  readonly region?: string;
  /** How long a discovered cluster is trusted (ms). */
  readonly ttlMs: number;
  readonly now: () => number;
}

/** `GetBootstrapBrokers` fields by the listener they are for. */
const LISTENERS: Readonly<
  Record<MskAuthentication, readonly (keyof GetBootstrapBrokersCommandOutput)[]>
> = {
  plaintext: ['BootstrapBrokerString', 'BootstrapBrokerStringIpv6'],
  tls: [
    'BootstrapBrokerStringTls',
    'BootstrapBrokerStringPublicTls',
    'BootstrapBrokerStringVpcConnectivityTls',
    'BootstrapBrokerStringTlsIpv6',
  ],
  scram: [
    'BootstrapBrokerStringSaslScram',
    'BootstrapBrokerStringPublicSaslScram',
    'BootstrapBrokerStringVpcConnectivitySaslScram',
    'BootstrapBrokerStringSaslScramIpv6',
  ],
  iam: [
    'BootstrapBrokerStringSaslIam',
    'BootstrapBrokerStringPublicSaslIam',
    'BootstrapBrokerStringVpcConnectivitySaslIam',
    'BootstrapBrokerStringSaslIamIpv6',
  ],
};

/** Errors that say the cluster cannot be read at all (not transient). */
const isPermanent = (error: unknown): error is Error =>
  error instanceof NotFoundException ||
  error instanceof ForbiddenException ||
  error instanceof UnauthorizedException ||
  error instanceof BadRequestException ||
  (error instanceof Error && error.name === 'AccessDeniedException');

/**
 * The provisioner's MskClusters port on the MSK API: brokers and listeners
 * from `GetBootstrapBrokers` (cached per container for `ttlMs`), SASL/SCRAM
 * secret associations with `BatchAssociateScramSecret` /
 * `BatchDisassociateScramSecret` after a look at `ListScramSecrets`, so a
 * secret already associated (or not associated) is left alone and a refusal
 * is an error naming cluster, secret and MSK's reason.
 *
 * @param options - client, cache lifetime, clock
 */
const mskClusters = (options: MskClustersOptions): MskClusters => {
  const client =
    options.client ??
    new KafkaClient(
      options.region === undefined ? {} : { region: options.region }
    );
  const cache = new Map<string, { at: number; lookup: MskClusterLookup }>();

  const associated = async (clusterArn: string): Promise<Set<string>> => {
    const arns = new Set<string>();
    for await (const page of paginateListScramSecrets(
      { client },
      { ClusterArn: clusterArn }
    )) {
      for (const arn of page.SecretArnList ?? []) {
        arns.add(arn);
      }
    }
    return arns;
  };

  const refused = (
    clusterArn: string,
    secretArn: string,
    action: 'associate' | 'disassociate',
    unprocessed: readonly UnprocessedScramSecret[] | undefined
  ): void => {
    const failure = unprocessed?.find((item) => item.SecretArn === secretArn);
    if (failure !== undefined) {
      throw new MskScramAssociationError(
        clusterArn,
        secretArn,
        action,
        `${failure.ErrorCode ?? 'error'}: ${failure.ErrorMessage ?? 'no reason given'}`
      );
    }
  };

  return {
    describe: async (clusterArn) => {
      const cached = cache.get(clusterArn);
      if (cached !== undefined && options.now() - cached.at < options.ttlMs) {
        return cached.lookup;
      }
      let lookup: MskClusterLookup;
      try {
        const brokers = await client.send(
          new GetBootstrapBrokersCommand({ ClusterArn: clusterArn })
        );
        const authentication: MskAuthentication[] = [];
        const servers = new Set<string>();
        for (const [listener, fields] of Object.entries(LISTENERS) as [
          MskAuthentication,
          readonly (keyof GetBootstrapBrokersCommandOutput)[],
        ][]) {
          for (const field of fields) {
            const value = brokers[field];
            if (typeof value !== 'string' || value.trim() === '') continue;
            if (!authentication.includes(listener))
              authentication.push(listener);
            for (const server of value.split(',')) {
              if (server.trim() !== '') servers.add(server.trim());
            }
          }
        }
        lookup = {
          kind: 'found',
          bootstrapServers: [...servers],
          authentication,
        };
      } catch (error) {
        if (!isPermanent(error)) {
          throw error;
        }
        lookup = { kind: 'unavailable', reason: error.name };
      }
      cache.set(clusterArn, { at: options.now(), lookup });
      return lookup;
    },
    associateScramSecret: async (clusterArn, secretArn) => {
      if ((await associated(clusterArn)).has(secretArn)) {
        return;
      }
      const answer = await client.send(
        new BatchAssociateScramSecretCommand({
          ClusterArn: clusterArn,
          SecretArnList: [secretArn],
        })
      );
      refused(
        clusterArn,
        secretArn,
        'associate',
        answer.UnprocessedScramSecrets
      );
    },
    disassociateScramSecret: async (clusterArn, secretArn) => {
      let current: Set<string>;
      try {
        current = await associated(clusterArn);
      } catch (error) {
        // A cluster that is gone holds no association.
        if (error instanceof NotFoundException) return;
        throw error;
      }
      if (!current.has(secretArn)) {
        return;
      }
      const answer = await client.send(
        new BatchDisassociateScramSecretCommand({
          ClusterArn: clusterArn,
          SecretArnList: [secretArn],
        })
      );
      refused(
        clusterArn,
        secretArn,
        'disassociate',
        answer.UnprocessedScramSecrets
      );
    },
  };
};

export type { MskClustersOptions };
export { mskClusters };
