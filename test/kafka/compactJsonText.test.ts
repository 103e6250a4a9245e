import { describe, expect, it } from 'vitest';
import { compactJsonText } from '../../lib/kafka/compactJsonText.js';

// Camunda's rawValue for a JSON Schema record: Confluent's
// AbstractKafkaJsonSchemaDeserializer reads the payload with
// Jackson.newObjectMapper() (confluentinc/schema-registry,
// json-schema-provider: USE_BIG_DECIMAL_FOR_FLOATS,
// JsonNodeFactory.withExactBigDecimals(true)) into a JsonNode, and
// KafkaPropertyTransformer.setValue (camunda/connectors, connectors/kafka)
// sets rawValue to ConnectorsObjectMapperSupplier.getCopy()
// .writeValueAsString(jsonNode): decimals print as BigDecimal.toString().
describe('Function: compactJsonText', () => {
  it.each([
    ['1.0', '1.0'],
    ['12.50', '12.50'],
    ['1e2', '1E+2'],
    ['1.5E3', '1.5E+3'],
    ['120e-1', '12.0'],
    ['0.000001', '0.000001'],
    ['1e-7', '1E-7'],
    ['-0.0', '0.0'],
    ['-2.5e-1', '-0.25'],
  ])(
    'prints the decimal %s as BigDecimal.toString() does: %s',
    (lexeme, java) => {
      expect(compactJsonText(`{"n": ${lexeme}}`)).toBe(`{"n":${java}}`);
    }
  );

  it('prints integers exactly, whatever their size', () => {
    expect(compactJsonText('[12345678901234567890, -0, 7]')).toBe(
      '[12345678901234567890,0,7]'
    );
  });

  it('keeps key order, and a repeated key its first place with its last value (ObjectNode)', () => {
    expect(compactJsonText('{"b": 1, "1": 2, "b": 3}')).toBe('{"b":3,"1":2}');
  });

  it('drops blanks and re-escapes strings as Jackson writes them', () => {
    expect(
      compactJsonText(
        '{ "s" : "\\u00e9\\/\\n\\u0001" ,\n "t": [ true, null ] }'
      )
    ).toBe('{"s":"é/\\n\\u0001","t":[true,null]}');
  });

  it('reads only the first value of the text', () => {
    expect(compactJsonText(' {"a": 1} trailing')).toBe('{"a":1}');
  });

  it('gives nothing for what strict JSON refuses', () => {
    expect(compactJsonText("{'a': 1}")).toBeUndefined();
    expect(compactJsonText('{"a": "x\ty"}')).toBeUndefined();
    expect(compactJsonText('{"a": 01}')).toBeUndefined();
    expect(compactJsonText('')).toBeUndefined();
  });
});
