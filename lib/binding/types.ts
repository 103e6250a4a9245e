import type { ElementKind, Problem } from '../bpmn/types.js';

/** Kafka `auto.offset.reset` as the templates offer it. */
type AutoOffsetReset = 'none' | 'latest' | 'earliest';

/** How record values are decoded (`schemaStrategy.*`, or the older `serializationType`). */
type SchemaStrategy =
  | { readonly type: 'noSchema' }
  | { readonly type: 'inlineSchema'; readonly schema: string }
  | {
      readonly type: 'schemaRegistry';
      readonly schemaType: 'avro' | 'json';
      readonly schemaRegistryUrl: string;
    };

/**
 * How to reach a binding's schema registry. Credentials are as written in
 * the BPMN (literals or secret references such as `{{secrets.SR_PASSWORD}}`).
 */
type SchemaRegistryAccess =
  | { readonly kind: 'glue'; readonly url: string }
  | {
      readonly kind: 'confluent';
      /** The registry URL without user info. */
      readonly url: string;
      readonly basicAuth?: {
        readonly username: string;
        readonly password: string;
      };
      /** CA certificates (PEM) the registry's certificate is checked with. */
      readonly truststoreCertificates?: string;
      readonly clientCertificate?: {
        readonly certificate: string;
        readonly privateKey: string;
        readonly keyPassword?: string;
      };
    };

/**
 * SASL / TLS settings derived from the element's authentication properties and
 * its additional properties. Credentials are kept as written in the BPMN (a
 * literal or a secret reference such as `{{secrets.KAFKA_PASSWORD}}`).
 */
interface KafkaAuthentication {
  readonly securityProtocol:
    | 'PLAINTEXT'
    | 'SSL'
    | 'SASL_PLAINTEXT'
    | 'SASL_SSL';
  readonly saslMechanism?:
    | 'PLAIN'
    | 'SCRAM-SHA-256'
    | 'SCRAM-SHA-512'
    | 'AWS_MSK_IAM'
    | 'OAUTHBEARER';
  readonly username?: string;
  readonly password?: string;
  /**
   * Where the settings came from: the template's username/password, the
   * additional properties (`security.protocol`, `sasl.*`), or neither.
   */
  readonly source?: 'none' | 'credentials' | 'additionalProperties';
  /** Login module class of `sasl.jaas.config`, when there is one. */
  readonly jaasLoginModule?: string;
  /** PEM material from `ssl.*` client properties (values as written). */
  readonly tls?: KafkaTlsSettings;
}

/** TLS material given as PEM in `ssl.*` client properties. */
interface KafkaTlsSettings {
  /** `ssl.truststore.certificates`: CA certificates (PEM). */
  readonly truststoreCertificates?: string;
  /** `ssl.keystore.certificate.chain`: client certificate chain (PEM). */
  readonly keystoreCertificateChain?: string;
  /** `ssl.keystore.key`: client private key (PEM). */
  readonly keystoreKey?: string;
  /** `ssl.key.password`: password of an encrypted private key. */
  readonly keyPassword?: string;
}

/** The Kafka side of a binding: where to read and how. */
interface KafkaSettings {
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  readonly groupId: string;
  /** Where the group id came from (see docs/binding-model.md, "Consumer group ids"). */
  readonly groupIdSource:
    | 'additionalProperties'
    | 'groupId'
    | 'default'
    | 'derived';
  readonly autoOffsetReset: AutoOffsetReset;
  /** Starting offsets by partition number (index = partition); absent = none given. */
  readonly offsets?: readonly (number | null)[];
  /**
   * Kafka client properties with the connector's precedence applied. Secret
   * references stay references here; values are never resolved in the model.
   */
  readonly clientProperties: Readonly<Record<string, string>>;
  readonly authentication: KafkaAuthentication;
  readonly schema: SchemaStrategy;
}

/** One element served by a binding, with what the consumer needs to act on a record. */
interface BindingElement {
  readonly elementId: string;
  readonly elementName?: string;
  readonly kind: ElementKind;
  readonly messageName?: string;
  readonly attachedToRef?: string;
  /** FEEL source as written (with or without the leading `=`); absent = always activate. */
  readonly activationCondition?: string;
  readonly consumeUnmatchedEvents: boolean;
  readonly correlationKeyExpression?: string;
  /** `zeebe:subscription correlationKey` of the message (what Zeebe matches against). */
  readonly subscriptionCorrelationKey?: string;
  /** Message start events: whether a correlation key is required. */
  readonly correlationRequired: boolean;
  readonly messageIdExpression?: string;
  /** ISO-8601 duration as written; absent = the connector default (PT1H). */
  readonly messageTtl?: string;
  /** `messageTtl` in milliseconds (or the default). */
  readonly messageTtlMs: number;
  readonly resultVariable?: string;
  readonly resultExpression?: string;
  readonly template?: { readonly id: string; readonly version?: number };
}

/**
 * One Kafka subscription and the elements of one process it serves.
 */
interface Binding {
  /** Stable id, valid as a Lambda alias name. */
  readonly id: string;
  /** Hash of the binding's configuration. */
  readonly revision: string;
  readonly processId: string;
  /** Manual deduplication id shared by the elements, when there is one. */
  readonly deduplicationId?: string;
  readonly elements: readonly BindingElement[];
  readonly kafka: KafkaSettings;
  /** Names of the secrets referenced by the binding's properties. */
  readonly secrets: readonly string[];
}

/** The outcome of turning one BPMN file into bindings. */
interface BindingModel {
  readonly bindings: readonly Binding[];
  readonly warnings: readonly Problem[];
  readonly errors: readonly Problem[];
}

/** The result of reading one value: the value, or why it could not be read. */
type ParseOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

export type {
  AutoOffsetReset,
  Binding,
  BindingElement,
  BindingModel,
  KafkaAuthentication,
  KafkaSettings,
  KafkaTlsSettings,
  ParseOutcome,
  SchemaRegistryAccess,
  SchemaStrategy,
};
