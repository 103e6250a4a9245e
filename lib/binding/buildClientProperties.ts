import type { Problem } from '../bpmn/types.js';
import {
  CONNECTOR_DEFAULTS,
  DEFAULT_CLIENT_PROPERTIES,
  DESERIALIZERS,
  GROUP_ID_LIMITS,
  JSON_VALUE_TYPE,
} from './constants.js';
import { scanSecretReferences } from './findSecretReferences.js';
import { parseBootstrapServers } from './parseBootstrapServers.js';
import { parseJaasConfig, plainJaasConfig } from './parseJaasConfig.js';
import type {
  AutoOffsetReset,
  KafkaAuthentication,
  KafkaSettings,
  KafkaTlsSettings,
  SchemaStrategy,
} from './types.js';

/** What {@link buildClientProperties} needs from one element. */
interface ClientPropertiesInput {
  readonly elementId: string;
  readonly processId: string;
  /** `topic.bootstrapServers`, parsed. */
  readonly bootstrapServers: readonly string[];
  readonly username?: string;
  readonly password?: string;
  /** The template's `groupId` property. */
  readonly groupId?: string;
  readonly additionalProperties: Readonly<Record<string, string>>;
  readonly autoOffsetReset: AutoOffsetReset;
  readonly schema: SchemaStrategy;
}

interface ClientPropertiesResult {
  readonly clientProperties: Record<string, string>;
  /**
   * The servers the consumer connects to: `bootstrap.servers` of the final
   * properties (`additionalProperties` may replace the template's).
   */
  readonly bootstrapServers: readonly string[];
  readonly groupId: string;
  readonly groupIdSource: KafkaSettings['groupIdSource'];
  readonly authentication: KafkaAuthentication;
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

const PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
const MECHANISMS = [
  'PLAIN',
  'SCRAM-SHA-256',
  'SCRAM-SHA-512',
  'AWS_MSK_IAM',
  'OAUTHBEARER',
] as const;
// Kafka's PLAIN and SCRAM clients both take the username and password from
// the JAAS subject, which PlainLoginModule and ScramLoginModule fill alike:
// Camunda's PLAIN line works with sasl.mechanism=SCRAM-SHA-* too.
const CREDENTIAL_LOGIN_MODULE = /\.(?:Plain|Scram)LoginModule$/;
const LOGIN_MODULE_NAMES: Readonly<Record<string, string>> = {
  PLAIN: 'PlainLoginModule',
  'SCRAM-SHA-256': 'ScramLoginModule',
  'SCRAM-SHA-512': 'ScramLoginModule',
};
const AUTH_KEYS = ['security.protocol', 'sasl.mechanism', 'sasl.jaas.config'];

/**
 * The servers of the final `bootstrap.servers`: the consumer connects there,
 * so a value from `additionalProperties` replaces the template's (a
 * warning says so).
 */
const readBootstrapServers = (
  input: ClientPropertiesInput,
  text: string,
  problem: (message: string) => Problem,
  errors: Problem[],
  warnings: Problem[]
): readonly string[] => {
  if (input.additionalProperties['bootstrap.servers'] === undefined) {
    return input.bootstrapServers;
  }
  const parsed = parseBootstrapServers(text);
  if (!parsed.ok) {
    errors.push(problem(`bootstrap.servers: ${parsed.message}`));
    return input.bootstrapServers;
  }
  if (parsed.value.join(',') !== input.bootstrapServers.join(',')) {
    warnings.push(
      problem(
        `bootstrap.servers in additionalProperties (${parsed.value.join(',')}) replaces topic.bootstrapServers (${input.bootstrapServers.join(',')}): the consumer connects there, as Camunda's connector does`
      )
    );
  }
  return parsed.value;
};
const TLS_KEYS: Readonly<Record<keyof KafkaTlsSettings, string>> = {
  truststoreCertificates: 'ssl.truststore.certificates',
  keystoreCertificateChain: 'ssl.keystore.certificate.chain',
  keystoreKey: 'ssl.keystore.key',
  keyPassword: 'ssl.key.password',
};

const isOneOf = <T extends string>(
  list: readonly T[],
  value: string
): value is T => (list as readonly string[]).includes(value);

/** `value.deserializer` by schema strategy, as Camunda forces it. */
const valueDeserializer = (schema: SchemaStrategy): string => {
  if (schema.type === 'inlineSchema') return DESERIALIZERS.byteArray;
  if (schema.type === 'schemaRegistry') {
    return schema.schemaType === 'json'
      ? DESERIALIZERS.jsonRegistry
      : DESERIALIZERS.avroRegistry;
  }
  return DESERIALIZERS.string;
};

/** The seed's default group id for a process. */
const defaultGroupId = (processId: string): string =>
  `${CONNECTOR_DEFAULTS.groupIdPrefix}${processId}`;

const readTls = (
  properties: Readonly<Record<string, string>>
): KafkaTlsSettings | undefined => {
  const entries = Object.entries(TLS_KEYS)
    .map(([field, key]) => [field, properties[key]] as const)
    .filter(([, value]) => value !== undefined && value !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
};

/** Security protocol, SASL mechanism, credentials and TLS from the final properties. */
const deriveAuthentication = (
  properties: Readonly<Record<string, string>>,
  credentials:
    | { readonly username: string; readonly password: string }
    | undefined,
  fromCredentials: boolean,
  problem: (message: string) => Problem,
  errors: Problem[],
  warnings: Problem[]
): KafkaAuthentication => {
  const protocolText = (properties['security.protocol'] ?? 'PLAINTEXT')
    .trim()
    .toUpperCase();
  const overridden = AUTH_KEYS.some((k) => k in properties);
  const source: KafkaAuthentication['source'] = fromCredentials
    ? 'credentials'
    : overridden
      ? 'additionalProperties'
      : 'none';
  if (!isOneOf(PROTOCOLS, protocolText)) {
    errors.push(
      problem(
        `security.protocol "${protocolText}" is not one of ${PROTOCOLS.join(', ')}`
      )
    );
    return { securityProtocol: 'PLAINTEXT', source };
  }
  const tls = protocolText.endsWith('SSL') ? readTls(properties) : undefined;
  if (!protocolText.endsWith('SSL') && readTls(properties)) {
    warnings.push(
      problem(
        `ssl.* properties are ignored because security.protocol is ${protocolText}`
      )
    );
  }
  const base: KafkaAuthentication = {
    securityProtocol: protocolText,
    source,
    ...(tls ? { tls } : {}),
  };
  if (!protocolText.startsWith('SASL_')) {
    if (properties['sasl.mechanism'] || properties['sasl.jaas.config']) {
      warnings.push(
        problem(
          `sasl.* properties are ignored because security.protocol is ${protocolText}`
        )
      );
    }
    return base;
  }
  // Kafka's default mechanism is GSSAPI (Kerberos), which nothing here supports.
  const mechanism = (properties['sasl.mechanism'] ?? 'GSSAPI')
    .trim()
    .toUpperCase();
  if (!isOneOf(MECHANISMS, mechanism)) {
    errors.push(
      problem(
        `sasl.mechanism "${mechanism}" is not supported; use one of ${MECHANISMS.join(', ')}` +
          (properties['sasl.mechanism']
            ? ''
            : ' (none is set, and Kafka would default to GSSAPI)')
      )
    );
    return base;
  }
  const jaasText = properties['sasl.jaas.config'];
  // Camunda's own line does not escape quotes: its parts are the fields.
  const generated =
    credentials !== undefined &&
    jaasText === plainJaasConfig(credentials.username, credentials.password);
  if (generated && /['\\]/.test(credentials.username + credentials.password)) {
    warnings.push(
      problem(
        "a quote or backslash in authentication.username or .password breaks the JAAS line Camunda's connector writes (its Kafka client cannot start); kafka-inbound gives them to the event source mapping as they are"
      )
    );
  }
  const jaas = generated
    ? {
        loginModule: 'org.apache.kafka.common.security.plain.PlainLoginModule',
        flag: 'required',
        options: {
          username: credentials.username,
          password: credentials.password,
        },
      }
    : jaasText
      ? parseJaasConfig(jaasText)
      : undefined;
  const withMechanism: KafkaAuthentication = {
    ...base,
    saslMechanism: mechanism,
    ...(jaas ? { jaasLoginModule: jaas.loginModule } : {}),
  };
  const moduleName = LOGIN_MODULE_NAMES[mechanism];
  if (!moduleName) return withMechanism;
  if (!jaasText) {
    errors.push(
      problem(
        `SASL ${mechanism} needs credentials: set authentication.username and authentication.password, or sasl.jaas.config in additionalProperties`
      )
    );
    return withMechanism;
  }
  if (!jaas) {
    const whole = scanSecretReferences(jaasText).some(
      (r) => r.text === jaasText.trim()
    );
    errors.push(
      problem(
        whole
          ? 'sasl.jaas.config is one secret reference as a whole, so its username and password cannot be read; write the JAAS line and reference secrets inside it (password="{{secrets.KAFKA_PASSWORD}}")'
          : 'sasl.jaas.config is not a JAAS line like: <LoginModule> required username="…" password="…";'
      )
    );
    return withMechanism;
  }
  if (!CREDENTIAL_LOGIN_MODULE.test(jaas.loginModule)) {
    errors.push(
      problem(
        `sasl.jaas.config uses ${jaas.loginModule}, which cannot give credentials to sasl.mechanism ${mechanism}`
      )
    );
  } else if (!jaas.loginModule.endsWith(`.${moduleName}`)) {
    warnings.push(
      problem(
        `sasl.mechanism ${mechanism} with a ${jaas.loginModule.slice(jaas.loginModule.lastIndexOf('.') + 1)} line: Kafka's client takes the username and password from it all the same (as in Camunda's connector), and so does the event source mapping (${mechanism})`
      )
    );
  }
  const { username, password } = jaas.options;
  if (!username || !password) {
    errors.push(
      problem('sasl.jaas.config must set both username and password')
    );
  }
  return {
    ...withMechanism,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
  };
};

/**
 * The Kafka client properties of one element, built the way Camunda's
 * connector builds them (`KafkaPropertiesUtil.assembleKafkaClientProperties`
 * then `KafkaPropertyTransformer.getKafkaProperties`; later steps win):
 * (1) SASL_SSL / PLAIN with Camunda's JAAS line when username and password
 * are both set; (2) `bootstrap.servers` from `topic.bootstrapServers`;
 * (3) Camunda's defaults; (4) `additionalProperties`, over all of these;
 * (5) `group.id` when still unset (`groupId`, else the default);
 * (6) `auto.offset.reset`, `enable.auto.commit=false`, `retention.ms=-1`
 * and the deserializers, which the connector always sets itself.
 *
 * @param input - the element's parsed settings
 */
const buildClientProperties = (
  input: ClientPropertiesInput
): ClientPropertiesResult => {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const at =
    (property: string) =>
    (message: string): Problem => ({
      elementId: input.elementId,
      property,
      message,
    });
  const extra = input.additionalProperties;
  const { username, password } = input;
  if (Boolean(username) !== Boolean(password)) {
    const missing = username
      ? 'authentication.password'
      : 'authentication.username';
    errors.push(
      at(missing)(
        'username and password must be set together (Camunda: "Username / password pair is required")'
      )
    );
  }
  const credentials = username && password ? { username, password } : undefined;
  const properties: Record<string, string> = {
    ...(credentials
      ? {
          'sasl.jaas.config': plainJaasConfig(
            credentials.username,
            credentials.password
          ),
          'security.protocol': 'SASL_SSL',
          'sasl.mechanism': 'PLAIN',
        }
      : {}),
    'bootstrap.servers': input.bootstrapServers.join(','),
    ...DEFAULT_CLIENT_PROPERTIES,
  };
  // FORCED_CLIENT_PROPERTIES, with this element's values.
  const forced: Record<string, string> = {
    'auto.offset.reset': input.autoOffsetReset,
    'enable.auto.commit': 'false',
    'retention.ms': '-1',
    'key.deserializer': DESERIALIZERS.string,
    'value.deserializer': valueDeserializer(input.schema),
    ...(input.schema.type === 'schemaRegistry'
      ? {
          'schema.registry.url': input.schema.schemaRegistryUrl,
          'json.value.type': JSON_VALUE_TYPE,
        }
      : {}),
  };
  for (const [key, value] of Object.entries(extra)) {
    const wanted = forced[key];
    if (wanted !== undefined) {
      if (value !== wanted) {
        warnings.push(
          at('additionalProperties')(
            `${key}=${value} is ignored: the connector always sets ${key}=${wanted}` +
              (key === 'auto.offset.reset' ? ' (from autoOffsetReset)' : '')
          )
        );
      }
      continue;
    }
    if (credentials && AUTH_KEYS.includes(key)) {
      warnings.push(
        at('additionalProperties')(
          `${key} in additionalProperties overrides the one derived from authentication.username/password`
        )
      );
    }
    properties[key] = value;
  }
  if (properties['group.id'] === undefined) {
    properties['group.id'] = input.groupId || defaultGroupId(input.processId);
  }
  Object.assign(properties, forced);
  const bootstrapServers = readBootstrapServers(
    input,
    properties['bootstrap.servers'] ?? '',
    at('additionalProperties'),
    errors,
    warnings
  );
  const extraGroupId = extra['group.id']?.trim();
  const groupIdSource: KafkaSettings['groupIdSource'] = extraGroupId
    ? 'additionalProperties'
    : input.groupId
      ? 'groupId'
      : 'default';
  if (extraGroupId && input.groupId && extraGroupId !== input.groupId) {
    warnings.push(
      at('groupId')(
        `groupId is overridden by group.id in additionalProperties ("${extraGroupId}")`
      )
    );
  }
  const explicitGroupId = properties['group.id'];
  if (
    groupIdSource !== 'default' &&
    explicitGroupId !== undefined &&
    scanSecretReferences(explicitGroupId).length === 0 &&
    (explicitGroupId.length > GROUP_ID_LIMITS.maxLength ||
      !GROUP_ID_LIMITS.allowed.test(explicitGroupId))
  ) {
    // The event source mapping's ConsumerGroupId accepts only these; found
    // now, the file is refused before anything is deployed.
    errors.push(
      at(groupIdSource)(
        `"${explicitGroupId.slice(0, 60)}" is not a consumer group id a Lambda event source mapping accepts (1–${GROUP_ID_LIMITS.maxLength} characters of a-z, A-Z, 0-9 and - / * : _ + = . @)`
      )
    );
  }
  const authentication = deriveAuthentication(
    properties,
    credentials,
    credentials !== undefined && !AUTH_KEYS.some((k) => k in extra),
    at('additionalProperties'),
    errors,
    warnings
  );
  return {
    clientProperties: properties,
    bootstrapServers,
    groupId: properties['group.id'] ?? defaultGroupId(input.processId),
    groupIdSource,
    authentication,
    errors,
    warnings,
  };
};

export type { ClientPropertiesInput, ClientPropertiesResult };
export { buildClientProperties, defaultGroupId };
