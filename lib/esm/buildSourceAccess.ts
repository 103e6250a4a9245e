import { parseJaasConfig } from '../binding/index.js';
import type { KafkaSettings } from '../binding/types.js';
import { SaslAccessType, SECRET_PLACEHOLDER_PREFIX } from './constants.js';
import type {
  EsmEventSource,
  PlatformSettings,
  SourceAccess,
} from './types.js';

const placeholder = (name: string): string =>
  `${SECRET_PLACEHOLDER_PREFIX}${name}`;

const secretBaseName = (prefix: string, bindingId: string): string =>
  `${prefix.endsWith('/') || prefix === '' ? prefix : `${prefix}/`}${bindingId}`;

// `<prefix><bindingId>/<access type in lower case>` (the AWS contract).
const secretName = (baseName: string, accessType: string): string =>
  `${baseName}/${accessType.toLowerCase()}`;

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
  baseName: string,
  access: SourceAccess
): void => {
  if (mechanism === 'AWS_MSK_IAM') {
    if (source.kind !== 'msk') {
      access.errors.push({
        property: 'sasl.mechanism',
        message:
          'AWS_MSK_IAM needs an Amazon MSK cluster the platform knows (configured or discovered): the ESM authenticates with the function role only against an MSK event source.',
      });
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
  // MSK only accepts SCRAM secrets whose name starts with AmazonMSK_.
  const name = secretName(
    source.kind === 'msk' ? `AmazonMSK_${baseName}` : baseName,
    accessType
  );
  access.secrets.push({
    name,
    accessType,
    fields: { username, password },
    ...(source.kind === 'msk' ? { mskScramClusterArn: source.clusterArn } : {}),
  });
  access.configurations.push({ Type: accessType, URI: placeholder(name) });
};

/**
 * PEM keystore → CLIENT_CERTIFICATE_TLS_AUTH (unless SASL already authenticates).
 */
const clientCertificateAccess = (
  properties: Readonly<Record<string, string>>,
  saslUsed: boolean,
  baseName: string,
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
  const keyPassword = properties['ssl.key.password'];
  const name = secretName(baseName, 'CLIENT_CERTIFICATE_TLS_AUTH');
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
  baseName: string,
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
  const name = secretName(baseName, 'SERVER_ROOT_CA_CERTIFICATE');
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
  platform: Pick<PlatformSettings, 'secretPrefix' | 'vpc'>
): SourceAccess => {
  const access: SourceAccess = {
    configurations: [],
    secrets: [],
    warnings: [],
    errors: [],
  };
  const properties = kafka.clientProperties;
  const baseName = secretBaseName(platform.secretPrefix, bindingId);
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
    saslAccess(kafka, mechanism, source, baseName, access);
  }
  // ssl.* material only counts over TLS (the binding warns otherwise).
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    clientCertificateAccess(properties, saslUsed, baseName, access);
    rootCaAccess(properties, source, baseName, access);
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

export { buildSourceAccess, placeholder, secretBaseName, secretName };
