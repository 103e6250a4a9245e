// Parity: the variables sent with a Camunda call, as Camunda's runtime
// builds them in ConnectorResultHandler.createOutputVariables (result
// variable, result expression evaluated with the message fields and
// `response`, must give a JSON object, forbidden literal) and checks them in
// InboundCorrelationHandler.checkVariablesSize (InlineSizeGuard, 1.5 MB).
// Source: github.com/camunda/connectors @ 9b30630f5c,
// connector-runtime/connector-runtime-core/src/{main,test}/java/io/camunda/
// connector/runtime/core/{ConnectorResultHandler,ConnectorResultHandlerTest,
// inbound/correlation/InboundCorrelationHandlerTest}.java.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchEvent, processWith } from '../support/bpmn.js';
import {
  coordinates,
  type Parity,
  startParity,
  textRecord,
} from './harness.js';

const record = textRecord({
  key: 'k-1',
  value: '{"orderId":"o-1","amount":42.5}',
});
const message = {
  key: 'k-1',
  value: { orderId: 'o-1', amount: 42.5 },
  rawValue: '{"orderId":"o-1","amount":42.5}',
  headers: null,
  ...coordinates(record),
};

describe('Parity: variables (ConnectorResultHandler)', () => {
  let parity: Parity;

  beforeAll(async () => {
    parity = await startParity();
  });

  afterAll(async () => {
    await parity.close();
  });

  const variablesOf = async (
    properties: Record<string, string | undefined>
  ) => {
    const xml = processWith(
      catchEvent({ resultVariable: undefined, ...properties })
    );
    const result = await parity.consume(xml, [record]);
    return { ...result, body: result.calls[0]?.body };
  };

  it('InboundCorrelationHandlerTest.noResultVar_noResultExpr_shouldNotCopyVariables: no variables (Camunda sends {}, the same for Zeebe)', async () => {
    // Act
    const { body } = await variablesOf({});

    // Assess
    expect(body).toEqual({
      name: 'order-paid',
      correlationKey: 'o-1',
      timeToLive: 3_600_000,
      messageId: 'orders-0-7',
    });
  });

  it('InboundCorrelationHandlerTest.resultVarProvided_noResultExpr_shouldCopyAllVarsToResultVar', async () => {
    // Act
    const { body } = await variablesOf({ resultVariable: 'kafkaEvent' });

    // Assess
    expect(body?.variables).toEqual({ kafkaEvent: message });
  });

  it('InboundCorrelationHandlerTest.noResultVar_resultExprProvided_shouldExtractVariables: the message fields are at the top level', async () => {
    // Act
    const { body } = await variablesOf({
      resultExpression:
        '={orderId: value.orderId, total: value.amount * 2, k: key}',
    });

    // Assess
    expect(body?.variables).toEqual({ orderId: 'o-1', total: 85, k: 'k-1' });
  });

  it('InboundCorrelationHandlerTest.resultVarProvided_resultExprProvided_shouldExtractVarsAndCopyAllVarsToResultVar: the union, expression entries last', async () => {
    // Act
    const { body } = await variablesOf({
      resultVariable: 'kafkaEvent',
      resultExpression: '={orderId: value.orderId, kafkaEvent: "replaced"}',
    });

    // Assess
    expect(body?.variables).toEqual({
      kafkaEvent: 'replaced',
      orderId: 'o-1',
    });
  });

  it('FeelEngineWrapperUtil.wrapResponse: the expression also sees the message as `response`', async () => {
    // Act
    const { body } = await variablesOf({
      resultExpression:
        '={same: response.rawValue = rawValue, id: response.value.orderId}',
    });

    // Assess
    expect(body?.variables).toEqual({ same: true, id: 'o-1' });
  });

  it('ConnectorResultHandlerTest.feelEngineWrapperTest (res6: today() → ISO_LOCAL_DATE) + LocalFeelExpressionEvaluator.evaluateToJson (JavaTimeModule): temporal values as Jackson writes them', async () => {
    // Act
    const { body } = await variablesOf({
      resultExpression: `={
        day: date("2024-01-01"),
        at: date and time("2024-07-01T10:15:00@Europe/Berlin"),
        local: date and time("2024-07-01T10:15:00"),
        clock: time("10:15"),
        wait: duration("P1DT2H"),
        term: duration("P14M")
      }`,
    });

    // Assess
    expect(body?.variables).toEqual({
      day: '2024-01-01',
      at: '2024-07-01T10:15:00+02:00',
      local: '2024-07-01T10:15:00',
      clock: '10:15:00',
      wait: 'PT26H',
      term: 'P1Y2M',
    });
  });

  it('LocalFeelExpressionEvaluator.evaluateToJson (null → no variables): a null result adds nothing', async () => {
    // Act
    const { body } = await variablesOf({
      resultVariable: 'kafkaEvent',
      resultExpression: '=null',
    });

    // Assess
    expect(body?.variables).toEqual({ kafkaEvent: message });
  });

  it.each([
    { case: 'Array', expression: '= [1, 2, 3]' },
    { case: 'String', expression: '="text"' },
    { case: 'Number', expression: '=42' },
    { case: 'Boolean', expression: '=true' },
  ])(
    'ConnectorResultHandlerTest.shouldProvideGoodErrorMessage_WhenResultExpressionReturns$case: dead-lettered (Camunda blocks)',
    async ({ expression }) => {
      // Act
      const { calls, deadLetters } = await variablesOf({
        resultExpression: expression,
      });

      // Assess
      expect(calls).toEqual([]);
      expect(deadLetters.map((l) => l.reason)).toEqual([
        'result-expression-failed',
      ]);
    }
  );

  it("ConnectorResultHandlerTest.ensureCanNotProduceIntrinsicFunction: a result containing 'camunda.function.type' is refused", async () => {
    // Act
    const { calls, deadLetters } = await variablesOf({
      resultExpression: '={"camunda.function.type": "myfun", params: ["test"]}',
    });

    // Assess
    expect(calls).toEqual([]);
    expect(deadLetters.map((l) => l.error)).toEqual([
      "Result expression failed: The connector result contains a forbidden literal 'camunda.function.type'",
    ]);
  });

  it('InlineSizeGuard.check: variables over 1.5 MB are refused before the call', async () => {
    // Prepare
    const big = textRecord({
      value: JSON.stringify({ orderId: 'o-1', blob: 'x'.repeat(1_600_000) }),
    });
    const xml = processWith(catchEvent({ resultVariable: 'kafkaEvent' }));

    // Act
    const { calls, deadLetters } = await parity.consume(xml, [big]);

    // Assess
    expect(calls).toEqual([]);
    expect(deadLetters.map((l) => l.reason)).toEqual(['variables-too-large']);
  });
});
