import { parseJaasConfig } from '../binding/index.js';
import type { KafkaSettings } from '../binding/types.js';
import { bindingSecretName } from './bindingSecretName.js';
import {
  EsmLimits,
  SaslAccessType,
  SECRET_PLACEHOLDER_PREFIX,
} from './constants.js';
import type {
  EsmEventSource,
  MskAuthentication,
  PlatformSettings,
  SourceAccess,
} from './types.js';

const placeholder = (name: string): string =>
  `${SECRET_PLACEHOLDER_PREFIX}${name}`;

/** Where a binding's Kafka secrets are named (lib/esm bindingSecretName). */
interface SecretScope {
  readonly secretPrefix: string;
  readonly bindingId: string;
  readonly mskScramKeyArn?: string;
}

/**
 * An error when a discovered MSK cluster has no listener for the
 * authentication a binding asks for (the ESM could never connect).
 */
const requireListener = (
  source: Extract<EsmEventSource, { kind: 'msk' }>,
  listener: MskAuthentication,
  what: string,
  access: SourceAccess
): void => {
  if (
    source.authentication !== undefined &&
    !source.authentication.includes(listener)
  ) {
    access.errors.push({
      property: 'sasl.mechanism',
      message: `The MSK cluster ${source.clusterArn} has no ${what} listener (it offers ${source.authentication.join(', ') || 'none'}): turn it on for the cluster or use another authentication.`,
    });
  }
};

// `<prefix>bindings/<bindingId>/<access type in lower case>`.
const secretName = (
  scope: SecretScope,
  accessType: string,
  mskScram = false
): string =>
  bindingSecretName({
    ...scope,
    suffix: accessType.toLowerCase(),
    mskScram,
  });

// `…LoginModule required username="u" password='p';`
const jaasOption = (jaas: string | undefined, option: string) =>
  jaas === undefined ? undefined : parseJaasConfig(jaas)?.options[option];

const nonBlank = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

/**
 * SASL credentials → one secret of the mechanism's access type.
 */
const saslAccess = (
  kafka: KafkaSettings,
  mechanism: string,
  source: EsmEventSource,
  scope: SecretScope,
  access: SourceAccess
): void => {
  if (mechanism === 'AWS_MSK_IAM') {
    if (source.kind !== 'msk') {
      access.errors.push({
        property: 'sasl.mechanism',
        message:
          'AWS_MSK_IAM needs an Amazon MSK cluster the platform knows (mskClusterArns): the ESM authenticates with the function role only against an MSK event source, never against self-managed Kafka.',
      });
    } else {
      requireListener(source, 'iam', 'IAM authentication', access);
    }
    // IAM: no secret; the consumer role carries kafka-cluster:* permissions.
    return;
  }
  if (!(mechanism in SaslAccessType)) {
    access.errors.push({
      property: 'sasl.mechanism',
      message: `SASL mechanism ${mechanism} is not supported by this mapping: use PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or AWS_MSK_IAM.`,
    });
    return;
  }
  const accessType = SaslAccessType[mechanism as keyof typeof SaslAccessType];
  if (source.kind === 'msk' && accessType !== 'SASL_SCRAM_512_AUTH') {
    access.errors.push({
      property: 'sasl.mechanism',
      message: `Amazon MSK supports SCRAM-SHA-512, IAM and TLS client certificates, not ${mechanism}.`,
    });
    return;
  }
  const jaas = kafka.clientProperties['sasl.jaas.config'];
  const username =
    nonBlank(kafka.authentication.username) ?? jaasOption(jaas, 'username');
  const password =
    nonBlank(kafka.authentication.password) ?? jaasOption(jaas, 'password');
  if (username === undefined || password === undefined) {
    access.errors.push({
      property: 'authentication.username',
      message: `SASL ${mechanism} needs a username and a password (authentication fields or sasl.jaas.config).`,
    });
    return;
  }
  // MSK only accepts SCRAM secrets whose name starts with AmazonMSK_,
  // encrypted with a customer managed key.
  const name = secretName(scope, accessType, source.kind === 'msk');
  if (source.kind === 'msk') {
    requireListener(source, 'scram', 'SASL/SCRAM', access);
    if (scope.mskScramKeyArn === undefined) {
      access.errors.push({
        property: 'sasl.mechanism',
        message:
          'MSK SASL/SCRAM secrets must be encrypted with a customer managed KMS key, and the platform has none (MSK_SCRAM_KEY_ARN; the stack creates it when mskClusterArns are given).',
      });
      return;
    }
  }
  access.secrets.push({
    name,
    accessType,
    fields: { username, password },
    ...(source.kind === 'msk'
      ? {
          mskScramClusterArn: source.clusterArn,
          ...(scope.mskScramKeyArn === undefined
            ? {}
            : { kmsKeyArn: scope.mskScramKeyArn }),
        }
      : {}),
  });
  access.configurations.push({ Type: accessType, URI: placeholder(name) });
};

/**
 * PEM keystore → CLIENT_CERTIFICATE_TLS_AUTH (unless SASL already authenticates).
 */
const clientCertificateAccess = (
  properties: Readonly<Record<string, string>>,
  source: EsmEventSource,
  saslUsed: boolean,
  scope: SecretScope,
  access: SourceAccess
): void => {
  const certificate = properties['ssl.keystore.certificate.chain'];
  const privateKey = properties['ssl.keystore.key'];
  const isPem = properties['ssl.keystore.type']?.toUpperCase() === 'PEM';
  if (!isPem && certificate === undefined && privateKey === undefined) {
    return;
  }
  if (saslUsed) {
    access.warnings.push({
      property: 'ssl.keystore.certificate.chain',
      message:
        'A TLS client certificate is not honoured together with SASL: an ESM uses one authentication method.',
    });
    return;
  }
  if (certificate === undefined || privateKey === undefined) {
    access.errors.push({
      property:
        certificate === undefined
          ? 'ssl.keystore.certificate.chain'
          : 'ssl.keystore.key',
      message:
        'A PEM keystore needs both ssl.keystore.certificate.chain and ssl.keystore.key for CLIENT_CERTIFICATE_TLS_AUTH.',
    });
    return;
  }
  if (source.kind === 'msk' && source.authentication !== undefined) {
    if (!source.authentication.includes('tls')) {
      access.errors.push({
        property: 'ssl.keystore.certificate.chain',
        message: `The MSK cluster ${source.clusterArn} has no TLS listener (it offers ${source.authentication.join(', ') || 'none'}): a TLS client certificate cannot authenticate.`,
      });
      return;
    }
  }
  const keyPassword = properties['ssl.key.password'];
  const name = secretName(scope, 'CLIENT_CERTIFICATE_TLS_AUTH');
  access.secrets.push({
    name,
    accessType: 'CLIENT_CERTIFICATE_TLS_AUTH',
    fields: {
      certificate,
      privateKey,
      ...(keyPassword === undefined ? {} : { privateKeyPassword: keyPassword }),
    },
  });
  access.configurations.push({
    Type: 'CLIENT_CERTIFICATE_TLS_AUTH',
    URI: placeholder(name),
  });
};

/**
 * PEM truststore → SERVER_ROOT_CA_CERTIFICATE (self-managed only).
 */
const rootCaAccess = (
  properties: Readonly<Record<string, string>>,
  source: EsmEventSource,
  scope: SecretScope,
  access: SourceAccess
): void => {
  const certificate = properties['ssl.truststore.certificates'];
  if (certificate === undefined) {
    return;
  }
  if (source.kind === 'msk') {
    access.warnings.push({
      property: 'ssl.truststore.certificates',
      message:
        'Not honoured for Amazon MSK: the ESM trusts MSK brokers through Amazon Trust Services certificates.',
    });
    return;
  }
  const name = secretName(scope, 'SERVER_ROOT_CA_CERTIFICATE');
  access.secrets.push({
    name,
    accessType: 'SERVER_ROOT_CA_CERTIFICATE',
    fields: { certificate },
  });
  access.configurations.push({
    Type: 'SERVER_ROOT_CA_CERTIFICATE',
    URI: placeholder(name),
  });
};

/**
 * Builds the SourceAccessConfigurations of one binding, with the per-binding
 * secrets they reference as `secret:<name>` placeholders.
 *
 * @param bindingId - the binding id (part of each secret name)
 * @param kafka - the binding's Kafka settings
 * @param source - MSK or self-managed, from `resolveEventSource`
 * @param platform - secret prefix and VPC settings
 */
const buildSourceAccess = (
  bindingId: string,
  kafka: KafkaSettings,
  source: EsmEventSource,
  platform: Pick<PlatformSettings, 'secretPrefix' | 'vpc' | 'mskScramKeyArn'>
): SourceAccess => {
  const access: SourceAccess = {
    configurations: [],
    secrets: [],
    warnings: [],
    errors: [],
  };
  const properties = kafka.clientProperties;
  const scope: SecretScope = {
    secretPrefix: platform.secretPrefix,
    bindingId,
    ...(platform.mskScramKeyArn === undefined
      ? {}
      : { mskScramKeyArn: platform.mskScramKeyArn }),
  };
  const protocol = (
    properties['security.protocol'] ?? kafka.authentication.securityProtocol
  ).toUpperCase();
  const saslUsed = protocol.startsWith('SASL_');
  if (protocol === 'SASL_PLAINTEXT') {
    access.warnings.push({
      property: 'security.protocol',
      message:
        'SASL_PLAINTEXT is not honoured: the ESM runs SASL over TLS only, so the brokers need a SASL_SSL listener.',
    });
  }
  if (saslUsed) {
    const mechanism = (
      properties['sasl.mechanism'] ??
      kafka.authentication.saslMechanism ??
      'PLAIN'
    ).toUpperCase();
    saslAccess(kafka, mechanism, source, scope, access);
  }
  // ssl.* material only counts over TLS (the binding warns otherwise).
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    clientCertificateAccess(properties, source, saslUsed, scope, access);
    rootCaAccess(properties, source, scope, access);
  }
  if (source.kind === 'selfManaged' && platform.vpc !== undefined) {
    for (const subnetId of platform.vpc.subnetIds) {
      access.configurations.push({
        Type: 'VPC_SUBNET',
        URI: `subnet:${subnetId}`,
      });
    }
    for (const groupId of platform.vpc.securityGroupIds) {
      access.configurations.push({
        Type: 'VPC_SECURITY_GROUP',
        URI: `security_group:${groupId}`,
      });
    }
  }
  if (access.configurations.length > EsmLimits.maxSourceAccessConfigurations) {
    access.errors.push({
      property: 'security.protocol',
      message: `The binding needs ${access.configurations.length} SourceAccessConfigurations (authentication and the platform's VPC); the ESM takes at most ${EsmLimits.maxSourceAccessConfigurations}.`,
    });
  }
  if (
    source.kind === 'selfManaged' &&
    platform.vpc === undefined &&
    access.configurations.length === 0 &&
    access.errors.length === 0
  ) {
    access.warnings.push({
      property: 'security.protocol',
      message:
        'Self-managed brokers without authentication and without platform VPC settings: Lambda reaches unauthenticated brokers only inside a VPC.',
    });
  }
  return access;
};

export { buildSourceAccess, placeholder };
