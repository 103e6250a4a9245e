// Parity: what a BPMN file binds to, as Camunda's runtime reads it:
// Kafka client properties (KafkaPropertiesUtil.assembleKafkaClientProperties,
// KafkaPropertyTransformer.getKafkaProperties), authentication
// (produceAuthenticationProperties), offsets (the relaxed FeelDeserializer
// for List<Long>), enum properties (ConnectorsObjectMapperSupplier:
// ACCEPT_CASE_INSENSITIVE_ENUMS), messageTtl (Duration.parse), element
// discovery (ProcessDefinitionInspector) and subscriptions shared by
// deduplication id (InboundConnectorElement.deduplicationId).
// Source: github.com/camunda/connectors @ 9b30630f5c: connectors/kafka/src/
// {main,test}/java/io/camunda/connector/kafka/..., connector-runtime/
// {connector-runtime-core,connector-runtime-spring,jackson-datatype-feel}/.
// Each case runs `kafka-inbound validate --json` and asserts the binding and
// the CreateEventSourceMapping request it prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBpmn,
  catchEvent,
  messageStart,
  processWith,
} from '../support/bpmn.js';
import { type Parity, startParity, type ValidateReport } from './harness.js';

const STRING_DESERIALIZER =
  'org.apache.kafka.common.serialization.StringDeserializer';

const only = (report: ValidateReport) => {
  expect(report.errors).toEqual([]);
  expect(report.bindings).toHaveLength(1);
  const [binding] = report.bindings;
  if (binding === undefined) throw new Error('no binding');
  return binding;
};

const warningsAt = (report: ValidateReport, property: string) =>
  report.warnings.filter((w) => w.property === property).map((w) => w.message);

describe('Parity: binding (KafkaPropertyTransformer, ProcessDefinitionInspector)', () => {
  let parity: Parity;

  beforeAll(async () => {
    parity = await startParity();
  });

  afterAll(async () => {
    await parity.close();
  });

  it("KafkaExecutableTest.testGetKafkaProperties: bootstrap servers, Camunda's defaults, forced deserializers and auto commit", async () => {
    // Prepare
    const xml = processWith(catchEvent({ groupId: undefined }));

    // Act
    const report = await parity.validate(xml);

    // Assess
    const binding = only(report);
    expect(binding.kafka.clientProperties).toEqual({
      'bootstrap.servers': 'localhost:9092',
      'session.timeout.ms': '45000',
      'client.dns.lookup': 'use_all_dns_ips',
      acks: 'all',
      'delivery.timeout.ms': '45000',
      'max.block.ms': '60000',
      'linger.ms': '0',
      'request.timeout.ms': '30000',
      'heartbeat.interval.ms': '3000',
      'default.api.timeout.ms': '60000',
      // Camunda: kafka-inbound-connector-<deduplicationId> (a documented difference)
      'group.id': 'kafka-inbound-connector-order-process',
      'auto.offset.reset': 'latest',
      'enable.auto.commit': 'false',
      'retention.ms': '-1',
      'key.deserializer': STRING_DESERIALIZER,
      'value.deserializer': STRING_DESERIALIZER,
    });
  });

  it('KafkaExecutable.activate ("No consumer group ID configured"): a binding without group id gets a warning', async () => {
    // Act
    const report = await parity.validate(
      processWith(catchEvent({ groupId: undefined }))
    );

    // Assess
    expect(warningsAt(report, 'groupId')).toEqual([
      expect.stringContaining(
        'no consumer group id is configured: kafka-inbound uses "kafka-inbound-connector-order-process"'
      ),
    ]);
  });

  it('KafkaExecutableTest.testGroupIdUsage: groupId is the consumer group, on the ESM too', async () => {
    // Act
    const report = await parity.validate(
      processWith(catchEvent({ groupId: 'my-group-id' }))
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.clientProperties['group.id']).toBe('my-group-id');
    expect(binding.esm?.request).toMatchObject({
      SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'my-group-id' },
    });
  });

  it('KafkaPropertyTransformer.getKafkaProperties (group.id only when unset): group.id in additionalProperties beats groupId', async () => {
    // Act
    const report = await parity.validate(
      processWith(
        catchEvent({
          groupId: 'from-template',
          additionalProperties: '={"group.id": "from-additional"}',
        })
      )
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.groupId).toBe('from-additional');
    expect(binding.esm?.request).toMatchObject({
      SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'from-additional' },
    });
  });

  it("KafkaPropertiesUtil.produceAuthenticationProperties: username and password give SASL_SSL, PLAIN and Camunda's JAAS line; the ESM gets BASIC_AUTH", async () => {
    // Act
    const report = await parity.validate(
      processWith(
        catchEvent({
          'authentication.username': 'alice',
          'authentication.password': '{{secrets.KAFKA_PASSWORD}}',
        })
      )
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.clientProperties).toMatchObject({
      'sasl.jaas.config':
        "org.apache.kafka.common.security.plain.PlainLoginModule   required username='alice'   password='{{secrets.KAFKA_PASSWORD}}';",
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'PLAIN',
    });
    expect(binding.esm?.secrets.map((s) => s.accessType)).toEqual([
      'BASIC_AUTH',
    ]);
  });

  it('KafkaPropertiesUtil.produceAuthenticationProperties ("Username / password pair is required"): only a username is an error', async () => {
    // Act
    const report = await parity.validate(
      processWith(catchEvent({ 'authentication.username': 'alice' }))
    );

    // Assess
    expect(report.code).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({
        elementId: 'Catch',
        property: 'authentication.password',
        message: expect.stringContaining(
          'Username / password pair is required'
        ),
      }),
    ]);
  });

  it('KafkaPropertiesUtil.produceAuthenticationProperties (both blank): no security settings', async () => {
    // Act
    const report = await parity.validate(
      processWith(
        catchEvent({
          'authentication.username': '',
          'authentication.password': ' ',
        })
      )
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.clientProperties['security.protocol']).toBeUndefined();
    expect(binding.kafka.authentication.securityProtocol).toBe('PLAINTEXT');
  });

  it("KafkaPropertiesUtil.assembleKafkaClientProperties (step 3): additionalProperties override the defaults and the credentials' protocol", async () => {
    // Act
    const report = await parity.validate(
      processWith(
        catchEvent({
          'authentication.username': 'alice',
          'authentication.password': '{{secrets.KAFKA_PASSWORD}}',
          additionalProperties:
            '={"session.timeout.ms": "10000", "security.protocol": "SASL_PLAINTEXT"}',
        })
      )
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.clientProperties).toMatchObject({
      'session.timeout.ms': '10000',
      'security.protocol': 'SASL_PLAINTEXT',
      'sasl.mechanism': 'PLAIN',
    });
  });

  it('KafkaPropertiesUtil.assembleKafkaClientProperties (step 3): bootstrap.servers in additionalProperties is where the consumer connects, on the ESM too', async () => {
    // Act
    const report = await parity.validate(
      processWith(
        catchEvent({
          'topic.bootstrapServers': 'template:9092',
          additionalProperties:
            '={"bootstrap.servers": "real-1:9092,real-2:9092"}',
        })
      )
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.bootstrapServers).toEqual([
      'real-1:9092',
      'real-2:9092',
    ]);
    expect(binding.esm?.request).toMatchObject({
      SelfManagedEventSource: {
        Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['real-1:9092', 'real-2:9092'] },
      },
    });
    expect(warningsAt(report, 'additionalProperties')).toEqual([
      expect.stringContaining('replaces topic.bootstrapServers'),
    ]);
  });

  it('KafkaPropertiesUtil.assembleKafkaClientProperties (Properties.putAll): a list value of a Kafka list property', async () => {
    // Act
    const report = await parity.validate(
      processWith(
        catchEvent({
          additionalProperties:
            '={"bootstrap.servers": ["real-1:9092", "real-2:9092"]}',
        })
      )
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.clientProperties['bootstrap.servers']).toBe(
      'real-1:9092,real-2:9092'
    );
    expect(binding.kafka.bootstrapServers).toEqual([
      'real-1:9092',
      'real-2:9092',
    ]);
  });

  it.each(['SCRAM-SHA-256', 'SCRAM-SHA-512'])(
    "KafkaPropertiesUtil (PLAIN JAAS line) + sasl.mechanism=%s: Kafka's SCRAM client takes the credentials from it; the ESM gets the SCRAM secret",
    async (mechanism) => {
      // Act
      const report = await parity.validate(
        processWith(
          catchEvent({
            'authentication.username': 'alice',
            'authentication.password': '{{secrets.KAFKA_PASSWORD}}',
            additionalProperties: `={"sasl.mechanism": "${mechanism}"}`,
          })
        )
      );

      // Assess
      const binding = only(report);
      expect(binding.kafka.authentication).toMatchObject({
        securityProtocol: 'SASL_SSL',
        saslMechanism: mechanism,
        username: 'alice',
        password: '{{secrets.KAFKA_PASSWORD}}',
      });
      expect(binding.esm?.secrets.map((s) => s.accessType)).toEqual([
        mechanism === 'SCRAM-SHA-256'
          ? 'SASL_SCRAM_256_AUTH'
          : 'SASL_SCRAM_512_AUTH',
      ]);
    }
  );

  it('KafkaPropertyTransformer.getKafkaProperties (set after additionalProperties): auto commit, offset reset, deserializers and retention.ms cannot be overridden', async () => {
    // Act
    const report = await parity.validate(
      processWith(
        catchEvent({
          additionalProperties:
            '={"enable.auto.commit": "true", "auto.offset.reset": "earliest", "key.deserializer": "x.Y", "value.deserializer": "x.Z", "retention.ms": "5"}',
        })
      )
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.clientProperties).toMatchObject({
      'enable.auto.commit': 'false',
      'auto.offset.reset': 'latest',
      'key.deserializer': STRING_DESERIALIZER,
      'value.deserializer': STRING_DESERIALIZER,
      'retention.ms': '-1',
    });
    expect(warningsAt(report, 'additionalProperties')).toHaveLength(5);
  });

  it.each([
    { offsets: '=[1,2,3]', expected: [1, 2, 3] },
    { offsets: '[1,2,3]', expected: [1, 2, 3] },
    { offsets: '1', expected: [1] },
    { offsets: '1,2', expected: [1, 2] },
    { offsets: '1,2,3,', expected: [1, 2, 3] },
    { offsets: '1,2,3,4,5', expected: [1, 2, 3, 4, 5] },
    { offsets: '=[10, 12]', expected: [10, 12] },
    { offsets: '=[]', expected: undefined },
  ])(
    'KafkaExecutableTest.testOffsets: $offsets',
    async ({ offsets, expected }) => {
      // Act
      const report = await parity.validate(
        processWith(catchEvent({ offsets, autoOffsetReset: 'earliest' }))
      );

      // Assess
      expect(only(report).kafka.offsets).toEqual(expected);
    }
  );

  it('ConnectorsObjectMapperSupplier (ACCEPT_CASE_INSENSITIVE_ENUMS): autoOffsetReset EARLIEST', async () => {
    // Act
    const report = await parity.validate(
      processWith(catchEvent({ autoOffsetReset: 'EARLIEST' }))
    );

    // Assess
    const binding = only(report);
    expect(binding.kafka.autoOffsetReset).toBe('earliest');
    expect(binding.esm?.request).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
    });
  });

  it.each(['P1W', 'P1M', 'PT', 'P1DT', '=PT1H'])(
    'ProcessDefinitionInspector (Duration.parse): messageTtl %s is refused, as Java refuses it',
    async (ttl) => {
      // Act
      const report = await parity.validate(
        processWith(catchEvent({ messageTtl: ttl }))
      );

      // Assess
      expect(report.errors).toEqual([
        expect.objectContaining({
          elementId: 'Catch',
          property: 'messageTtl',
        }),
      ]);
    }
  );

  it('InboundConnectorElementTest.deduplicationId_autoMode_defaultPropertyScope: AUTO elements with the same connector properties share one subscription', async () => {
    // Prepare: runtime properties (condition, key, result) may differ
    const xml = processWith(
      catchEvent(
        { activationCondition: '=value.a', resultVariable: 'a' },
        { id: 'A', message: { name: 'a', correlationKey: '=id' } }
      ),
      catchEvent(
        { activationCondition: '=value.b', correlationKeyExpression: '=key' },
        { id: 'B', message: { name: 'b', correlationKey: '=id' } }
      ),
      // Its own group id: an ESM's group id must be unique among Kafka ESMs
      // (docs/parity.md), and the writer gives every element 'orders-group'.
      catchEvent(
        { 'topic.topicName': 'other', groupId: 'other-group' },
        { id: 'C', message: { name: 'c', correlationKey: '=id' } }
      )
    );

    // Act
    const report = await parity.validate(xml);

    // Assess
    expect(report.errors).toEqual([]);
    expect(
      report.bindings.map((b) => b.elements.map((e) => e.elementId))
    ).toEqual([['A', 'B'], ['C']]);
  });

  it('InboundConnectorElementTest.deduplicationId_legacyMode: without deduplicationMode every element stands alone', async () => {
    // Prepare
    const legacy = { deduplicationMode: undefined, groupId: undefined };
    const xml = processWith(
      catchEvent(legacy, { id: 'A' }),
      catchEvent(legacy, { id: 'B' })
    );

    // Act
    const report = await parity.validate(xml);

    // Assess
    expect(report.bindings.map((b) => b.elements.length)).toEqual([1, 1]);
  });

  it('InboundConnectorElementTest.deduplicationId_manualMode + InboundConnectorDetailsUtil.extractRawProperties: one id, one subscription; differing properties are an error', async () => {
    // Prepare
    const manual = { deduplicationMode: 'MANUAL', deduplicationId: 'orders' };
    const same = processWith(
      catchEvent(manual, { id: 'A' }),
      catchEvent({ ...manual, resultVariable: 'b' }, { id: 'B' })
    );
    const differing = processWith(
      catchEvent(manual, { id: 'A' }),
      catchEvent({ ...manual, 'topic.topicName': 'other' }, { id: 'B' })
    );

    // Act
    const sameReport = await parity.validate(same);
    const differingReport = await parity.validate(differing);

    // Assess
    expect(sameReport.bindings.map((b) => b.elements.length)).toEqual([2]);
    expect(differingReport.errors).toEqual([
      expect.objectContaining({
        elementId: 'B',
        property: 'topic.topicName',
        message: expect.stringContaining('share deduplication id "orders"'),
      }),
    ]);
  });

  it('InboundConnectorElementTest.deduplicationId_manualMode_noId: MANUAL without an id is an error', async () => {
    // Act
    const report = await parity.validate(
      processWith(catchEvent({ deduplicationMode: 'MANUAL' }))
    );

    // Assess
    expect(report.errors).toEqual([
      expect.objectContaining({
        elementId: 'Catch',
        property: 'deduplicationId',
      }),
    ]);
  });

  it('ProcessDefinitionInspectorUtilTests.testSingleKafkaSubprocess: an element inside an embedded sub-process is found', async () => {
    // Prepare
    const xml = buildBpmn({
      id: 'order-process',
      containers: [
        {
          type: 'subProcess',
          id: 'Sub',
          elements: [catchEvent({}, { id: 'kafka_in_subprocess' })],
        },
      ],
    });

    // Act
    const report = await parity.validate(xml);

    // Assess
    expect(only(report).elements.map((e) => e.elementId)).toEqual([
      'kafka_in_subprocess',
    ]);
  });

  it('ProcessDefinitionInspector.getRawProperties: a property without value is absent, the first of a repeated name wins', async () => {
    // Prepare
    const xml = processWith(catchEvent()).replace(
      '<zeebe:property name="groupId" value="orders-group" />',
      '<zeebe:property name="activationCondition" /><zeebe:property name="groupId" value="first" /><zeebe:property name="groupId" value="second" />'
    );

    // Act
    const report = await parity.validate(xml);

    // Assess
    const binding = only(report);
    expect(binding.kafka.groupId).toBe('first');
    expect(binding.elements[0]?.activationCondition).toBeUndefined();
  });

  it('KafkaConnectorProperties.groupId (no @FEEL): a FEEL groupId gets a warning, Camunda uses the text as written', async () => {
    // Act
    const report = await parity.validate(
      processWith(catchEvent({ groupId: '="my-group"' }))
    );

    // Assess
    expect(warningsAt(report, 'groupId')).toEqual([
      expect.stringContaining('not a FEEL property in Camunda'),
    ]);
  });

  it('InboundConnectorElement.consumeUnmatchedEvents (Boolean.parseBoolean): "yes" is false, with a warning instead of an error', async () => {
    // Act
    const report = await parity.validate(
      processWith(catchEvent({ consumeUnmatchedEvents: 'yes' }))
    );

    // Assess
    expect(only(report).elements[0]?.consumeUnmatchedEvents).toBe(false);
    expect(warningsAt(report, 'consumeUnmatchedEvents')).toEqual([
      expect.stringContaining('counts as false'),
    ]);
  });

  it('Keywords.CORRELATION_REQUIRED_KEYWORD (never read by the runtime): a required message start event without expression is valid, with a warning', async () => {
    // Act
    const report = await parity.validate(
      processWith(messageStart({ correlationRequired: 'required' }))
    );

    // Assess
    expect(report.code).toBe(0);
    expect(warningsAt(report, 'correlationKeyExpression')).toEqual([
      expect.stringContaining('published with the correlation key ""'),
    ]);
  });

  it('Camunda documentation (use secrets for credentials): a password typed as text gets a warning naming element and property, and is masked', async () => {
    // Act
    const report = await parity.validate(
      processWith(
        catchEvent({
          'authentication.username': 'alice',
          'authentication.password': 'hunter2',
          additionalProperties: '={"ssl.key.password": "pem-secret"}',
        })
      )
    );

    // Assess
    expect(
      report.warnings
        .filter((w) => w.message.includes('plain text'))
        .map((w) => [w.elementId, w.property])
    ).toEqual([
      ['Catch', 'additionalProperties'],
      ['Catch', 'authentication.password'],
    ]);
    const printed = JSON.stringify(report);
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('pem-secret');
    expect(only(report).kafka.clientProperties['sasl.jaas.config']).toBe(
      "org.apache.kafka.common.security.plain.PlainLoginModule   required username='alice'   password='***';"
    );
  });

  it('ProcessDefinitionInspector.extractRequiredProperty: a catch event without correlation key expression is refused (Camunda skips the element with a log line)', async () => {
    // Act
    const report = await parity.validate(
      processWith(catchEvent({ correlationKeyExpression: undefined }))
    );

    // Assess
    expect(report.errors).toEqual([
      expect.objectContaining({
        elementId: 'Catch',
        property: 'correlationKeyExpression',
      }),
    ]);
  });

  // LocalFeelExpressionEvaluator.evaluateInternal trims the `=` and hands ""
  // (or any text that does not parse) to FeelEngine.evalExpression, which
  // fails. Camunda's runtime accepts the file and then: an activation
  // condition fails every record (ActivationConditionEvaluator →
  // ConnectorInputException → InvalidInput), a catch event's key gives
  // "Wasn't able to obtain correlation key", a message id or result
  // expression throws out of correlate — each blocks the consumer
  // (ForwardErrorToUpstream); only a message start event's key falls back
  // to "" (extractCorrelationKey catches, correlationKey.orElse("")).
  // kafka-inbound refuses such FEEL at validation, naming element and
  // property (a documented difference).
  it.each(
    [
      'activationCondition',
      'correlationKeyExpression',
      'messageIdExpression',
      'resultExpression',
    ].flatMap((property) =>
      ['=', '= ', '=value.'].flatMap((text) => [
        { property, text, element: 'Catch' },
        { property, text, element: 'Start' },
      ])
    )
  )(
    'LocalFeelExpressionEvaluator.evaluateInternal (FeelEngine.evalExpression fails): $property $text on $element is an error at validation (a documented difference)',
    async ({ property, text, element }) => {
      // Prepare
      const properties = { [property]: text };
      const xml = processWith(
        element === 'Catch' ? catchEvent(properties) : messageStart(properties)
      );

      // Act
      const report = await parity.validate(xml);

      // Assess
      expect(report.code).toBe(1);
      expect(report.errors).toEqual([
        {
          elementId: element,
          property,
          message: expect.stringMatching(
            text.trim() === '='
              ? /^the FEEL expression is empty$/
              : /^FEEL does not parse/
          ),
        },
      ]);
    }
  );

  // FeelConnectorFunctionProvider (loaded by LocalFeelExpressionEvaluator
  // through SpiServiceLoader) adds bpmnError, jobError, ignoreError and
  // backoff (contexts for outbound error expressions) and createDocument
  // (InboundCorrelationHandlerTest.noResultVar_resultExprWithCreateDocument_
  // shouldProduceRealDocumentReference: a document in Camunda's store) to
  // every expression. kafka-inbound has none of them; rather than a silent
  // null, a call is an error at validation (a documented difference).
  it.each(
    [
      ['resultExpression', '={doc: createDocument(value)}'],
      ['resultExpression', '={e: bpmnError("E1", "failed")}'],
      ['activationCondition', '=jobError("m") != null'],
      ['correlationKeyExpression', '=string(ignoreError({}))'],
      ['messageIdExpression', '=string(backoff(duration("PT1S")))'],
    ].map(([property, text]) => ({ property, text }))
  )(
    'FeelConnectorFunctionProvider: $text in $property is an error at validation (a documented difference)',
    async ({ property, text }) => {
      // Act
      const report = await parity.validate(
        processWith(catchEvent({ [property as string]: text }))
      );

      // Assess
      expect(report.errors).toEqual([
        {
          elementId: 'Catch',
          property,
          message: expect.stringMatching(
            /^\w+\(\) is a function of Camunda's connector runtime .*kafka-inbound does not provide it/
          ),
        },
      ]);
    }
  );
});
